package io.hearth.cli;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.hearth.proto.v1.ListLeadsResponse;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * What the CLI's class-data training run (client-cli/pom.xml, at package) lists leads from: a gRPC
 * server over HTTP/2 on the loopback address, so that the archive holds the classes of a whole call (the
 * HTTP/2 frames, the response, the table) and not only those of a refused connection. Writes the
 * port it listens on to the file {@code args[0]}, and stops when the file {@code args[1]} appears,
 * or after two minutes at most.
 */
final class ClassDataTrainingServer {

    private static final Duration LONGEST = Duration.ofMinutes(2);

    private ClassDataTrainingServer() {}

    public static void main(String[] args) throws Exception {
        Path portFile = Path.of(args[0]);
        Path stopFile = Path.of(args[1]);
        RecordingLeadService leads = new RecordingLeadService();
        leads.addPage(
                "",
                ListLeadsResponse.newBuilder()
                        .addLeads(TestLeads.ADA)
                        .addLeads(TestLeads.GRACE)
                        .setNextPageToken("next")
                        .build());
        Server server = NettyServerBuilder.forAddress(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), InsecureServerCredentials.create())
                .addService(leads)
                .build()
                .start();
        try {
            // written whole, then moved in place: the build reads it as soon as it exists
            Path written = Files.writeString(
                    portFile.resolveSibling(portFile.getFileName() + ".tmp"),
                    Integer.toString(server.getPort()),
                    StandardCharsets.US_ASCII);
            Files.move(written, portFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Instant end = Instant.now().plus(LONGEST);
            while (!Files.exists(stopFile) && Instant.now().isBefore(end)) {
                Thread.sleep(100);
            }
        } finally {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
