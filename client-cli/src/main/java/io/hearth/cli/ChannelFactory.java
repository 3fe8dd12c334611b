package io.hearth.cli;

import io.grpc.ChannelCredentials;
import io.grpc.ManagedChannel;

/**
 * Opens the channel to the Hearth server named by {@code --server}. The CLI shuts the channel down
 * when its command is done. Tests pass a factory that connects to an in-process server instead.
 */
@FunctionalInterface
public interface ChannelFactory {

    /**
     * HTTP/2 over the network, plaintext or TLS as the credentials say, on Netty named directly:
     * {@code Grpc.newChannelBuilder} looks the transport up among the channel providers
     * (ServiceLoader and reflection), which cost a CLI call about an eighth of its CPU. The channel
     * has an event loop of its own that stops with it ({@link NetworkChannel}: why).
     */
    ChannelFactory NETWORK = NetworkChannel::open;

    /**
     * @param target the {@code --server} value, e.g. {@code localhost:50051}
     * @param credentials plaintext or TLS, from the TLS options (see {@link ChannelSecurity})
     */
    ManagedChannel open(String target, ChannelCredentials credentials);
}
