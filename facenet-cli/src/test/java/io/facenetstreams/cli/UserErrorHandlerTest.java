package io.facenetstreams.cli;

import io.facenetstreams.core.engine.EngineCheck;
import io.facenetstreams.core.engine.EngineCheckException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

class UserErrorHandlerTest {

    @Command(name = "bench-model")
    static final class FailingEngine implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new EngineCheckException("known-answer check failed on AMD EPYC: ...; set DNNL_MAX_CPU_ISA=AVX2");
        }
    }

    @Test
    void anEngineThatFailsItsCheckIsOneLineAndTheEngineExitStatus() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new FailingEngine());
        cli.setExecutionExceptionHandler(new UserErrorHandler());
        cli.setErr(new PrintWriter(err, true));
        cli.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));

        int exit = cli.execute();

        assertThat(exit).isEqualTo(EngineCheck.EXIT_STATUS);
        assertThat(err.toString().lines().toList()).containsExactly(
                "facenet bench-model: known-answer check failed on AMD EPYC: ...; set DNNL_MAX_CPU_ISA=AVX2");
    }
}
