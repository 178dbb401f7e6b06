package io.facenetstreams.cli;

import io.facenetstreams.stack.LocalStack;
import io.facenetstreams.stack.ManagedProcess;
import io.facenetstreams.stack.TopicProvisioner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code ./facenet infra}: Kafka (KRaft) and the schema registry in the foreground, until Ctrl-C. */
@Command(name = "infra", mixinStandardHelpOptions = true,
        description = {
            "Run Kafka (KRaft) and the schema registry locally, until Ctrl-C.",
            "",
            "Starts a real Apache Kafka broker (KRaft, Kafka's own jars) and a real schema registry (Apicurio, "
                + "Confluent API) on 127.0.0.1, creates every topic of the pipeline, prints the two URLs and runs "
                + "until Ctrl-C (or SIGTERM), which stops both cleanly.",
            "State (broker data, registered schemas, logs) lives in the state directory and survives restarts."})
final class InfraCommand implements Callable<Integer> {

    @Mixin
    StackOptions stack;

    @Override
    public Integer call() throws InterruptedException {
        PrintStream out = System.out;
        long started = System.nanoTime();
        LocalStack stack = LocalStack.start(this.stack.config(), msg -> System.err.println("facenet infra: " + msg));
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean shuttingDown = new AtomicBoolean();
        Thread hook = new Thread(() -> {
            shuttingDown.set(true);
            System.err.println("facenet infra: stopping Kafka and the schema registry...");
            stack.close();
            System.err.println("facenet infra: stopped; state kept in " + stack.state().root());
            stopped.countDown();
        }, "infra-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        for (TopicProvisioner.Outcome t : stack.topics()) {
            System.err.printf("facenet infra: topic %-18s %2d partition(s)  %s%n", t.topic(), t.partitions(), t.action());
        }
        out.printf("Kafka bootstrap servers: %s%n", stack.bootstrapServers());
        out.printf("Schema registry (Confluent API): %s%n", stack.registryUrl());
        out.printf("Ready in %.1f s. Logs in %s. Press Ctrl-C to stop.%n",
                (System.nanoTime() - started) / 1e9, stack.state().logs());
        out.flush();

        while (!shuttingDown.get()) {
            Optional<ManagedProcess> dead = stack.deadProcess();
            if (dead.isPresent() && !shuttingDown.get()) {
                ManagedProcess p = dead.get();
                System.err.println("facenet infra: " + p.name() + " exited unexpectedly (exit code " + p.exitCode()
                        + "). Last lines of " + p.logFile() + ":\n" + p.logTail(20));
                Runtime.getRuntime().removeShutdownHook(hook);
                stack.close();
                return 1;
            }
            Thread.sleep(1000);
        }
        // Ctrl-C or SIGTERM: the shutdown hook stops both servers; wait for it.
        stopped.await();
        return 0;
    }
}
