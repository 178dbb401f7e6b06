package io.facenetstreams.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Port checks on the loopback interface, where every server of the local stack listens. */
public final class Ports {

    public static final String HOST = "127.0.0.1";

    private Ports() {
    }

    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // Like the servers themselves (SO_REUSEADDR): a port left in TIME_WAIT by a stopped server counts as free.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Fails with a message that says which port, for what, and which option changes it. */
    public static void requireFree(int port, String what, String option) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(what + " port must be between 1 and 65535, was " + port);
        }
        if (!isFree(port)) {
            throw new IllegalStateException("port " + port + " on " + HOST + " is already in use, so the " + what
                    + " cannot listen there (is another one running?). Stop it or choose another port"
                    + (option == null ? "" : " with " + option) + ".");
        }
    }

    /** A port that was free a moment ago on the loopback interface. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("could not find a free port on " + HOST + ": " + e.getMessage(), e);
        }
    }
}
