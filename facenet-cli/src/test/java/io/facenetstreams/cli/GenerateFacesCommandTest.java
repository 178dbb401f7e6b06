package io.facenetstreams.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

class GenerateFacesCommandTest {

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = FacenetCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void generatesASmallSetAndReportsIt() {
        Path dir = tmp.resolve("faces");
        int code = run("generate-faces", "--out", dir.toString(), "--identities", "3", "--images-per-identity", "3",
                "--lfw-identities", "4", "--folds", "2", "--pairs", "2", "--image-size", "24", "--seed", "9",
                "--nuisance", "0.5", "--threads", "2");
        assertThat(code).as(err.toString()).isZero();
        assertThat(dir.resolve("train/synth_000002/synth_000002_0003.png")).isRegularFile();
        assertThat(dir.resolve("lfw/synth_000006/synth_000006_0001.png")).isRegularFile();
        assertThat(dir.resolve("pairs.txt")).isRegularFile();
        assertThat(dir.resolve("generation.json")).isRegularFile();
        assertThat(out.toString()).contains("wrote 21 images (3 training + 4 LFW identities x 3)")
                .contains("2 folds x 2 x 2 = 8 pairs");
        assertThat(err.toString()).contains("generate-faces: 21/21 images (100%)");
    }

    @Test
    void refusesANonEmptyDirectoryWithAClearMessage() throws Exception {
        Files.writeString(tmp.resolve("something"), "x");
        int code = run("generate-faces", "--out", tmp.toString(), "--identities", "1", "--images-per-identity", "2",
                "--lfw-identities", "0");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("facenet generate-faces: output directory").contains("not empty");
    }

    @Test
    void badArgumentsExitTwoNamingTheOption() {
        int code = run("generate-faces", "--out", tmp.resolve("x").toString(), "--lfw-identities", "10", "--folds", "10");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--lfw-identities >= 20");
        StringWriter before = new StringWriter();
        before.write(err.toString());
        code = run("generate-faces", "--out", tmp.resolve("y").toString(), "--lfw-identities", "20", "--folds", "10",
                "--images-per-identity", "3", "--pairs", "7");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().substring(before.toString().length())).contains("only 6 distinct same pairs");
    }
}
