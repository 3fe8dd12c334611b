package io.hearth.cli;

import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;

/**
 * Sends the API token as {@code authorization: Bearer <token>} on every call. A header rather than
 * grpc's call credentials, which grpc-java withholds on plaintext channels: a server on loopback
 * is called in plaintext and may still need a token.
 */
final class BearerToken {
    static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private BearerToken() {}

    /** {@code channel} with the token on every call; {@code channel} itself without a token. */
    static Channel attach(Channel channel, String token) {
        if (token == null || token.isBlank()) {
            return channel;
        }
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + token.strip());
        return ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
    }
}
