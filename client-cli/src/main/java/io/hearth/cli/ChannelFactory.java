package io.hearth.cli;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;

/**
 * Opens the channel to the Hearth server named by {@code --server}. The CLI shuts the channel down
 * when its command is done. Tests pass a factory that connects to an in-process server instead.
 */
@FunctionalInterface
public interface ChannelFactory {

    /** Plaintext HTTP/2, as the Hearth server speaks it today. */
    ChannelFactory PLAINTEXT = target ->
            Grpc.newChannelBuilder(target, InsecureChannelCredentials.create()).build();

    /**
     * @param target the {@code --server} value, e.g. {@code localhost:50051}
     */
    ManagedChannel open(String target);
}
