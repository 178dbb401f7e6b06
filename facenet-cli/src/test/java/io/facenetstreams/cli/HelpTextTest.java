package io.facenetstreams.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command's help renders without picocli warnings (a '%' in a description must be escaped as '%%'). */
class HelpTextTest {

    @Test
    void everyCommandsHelpRendersCleanly() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            CommandLine cli = new CommandLine(new FacenetCli());
            for (CommandLine sub : cli.getSubcommands().values()) {
                assertThat(sub.getUsageMessage()).as(sub.getCommandName()).isNotBlank();
            }
        } finally {
            System.setErr(err);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
    }
}
