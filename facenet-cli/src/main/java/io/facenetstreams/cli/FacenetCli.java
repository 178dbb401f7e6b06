package io.facenetstreams.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ./facenet} command. Each subcommand is a thin adapter: it parses options, calls
 * {@code facenet-core} (or the local stack), and prints what a user needs to see.
 */
@Command(
        name = "facenet",
        mixinStandardHelpOptions = true,
        versionProvider = FacenetCli.Version.class,
        description = "FaceNet Streams: triplet-loss face-embedding training as Kafka streaming services.",
        subcommands = {
            CommandLine.HelpCommand.class,
            UpCommand.class,
            InfraCommand.class,
            TapCommand.class,
            CreateTopicsCommand.class,
            GenerateFacesCommand.class,
            TrainSequentialCommand.class,
            EvaluateCommand.class,
            EmbedCommand.class,
            CompareCommand.class,
            ExportCommand.class,
            SelectTripletsCommand.class,
            BenchMiningCommand.class,
            BenchModelCommand.class,
        })
public final class FacenetCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and the tests. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new FacenetCli());
        cli.setExecutionExceptionHandler(new UserErrorHandler());
        return cli;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = FacenetCli.class.getPackage().getImplementationVersion();
            return new String[] {"facenet " + (v == null ? "dev" : v)};
        }
    }
}
