package io.hearth.cli;

import io.hearth.proto.v1.Connector;
import io.hearth.proto.v1.ConnectorCapability;
import io.hearth.proto.v1.ListConnectorsRequest;
import io.hearth.proto.v1.ListConnectorsResponse;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/** {@code hearth connectors list}. */
@Command(name = "connectors", description = "Connectors the server has.")
final class ConnectorsCommand {
    private static final String PREFIX = "CONNECTOR_CAPABILITY_";

    @Command(name = "list", description = "List the installed connectors and what they can do.")
    static final class ListConnectors extends RpcCommand {
        @Override
        void execute() {
            PrintWriter out = out();
            TableFormatter table = new TableFormatter("NAME", "CAN", "CONFIG", "DESCRIPTION");
            // every page, so a script gets the whole list as one response with no next page
            ListConnectorsResponse.Builder all = ListConnectorsResponse.newBuilder();
            String token = "";
            do {
                ListConnectorsResponse page = syncService()
                        .listConnectors(ListConnectorsRequest.newBuilder()
                                .setPageToken(token)
                                .build());
                all.addAllConnectors(page.getConnectorsList());
                for (Connector connector : page.getConnectorsList()) {
                    table.addRow(
                            connector.getName().replaceFirst("^connectors/", ""),
                            connector.getCapabilitiesList().stream()
                                    .map(ConnectorsCommand::capability)
                                    .collect(Collectors.joining(",")),
                            connector.getConfigKeysList().stream()
                                    .map(k -> k.getRequired() ? k.getName() + "*" : k.getName())
                                    .collect(Collectors.joining(",")),
                            connector.getDescription());
                }
                token = page.getNextPageToken();
            } while (!token.isEmpty());
            if (json()) {
                ProtoJson.print(all, out);
            } else {
                table.printTo(out);
            }
        }
    }

    private static String capability(ConnectorCapability capability) {
        return capability.name().substring(PREFIX.length()).toLowerCase(Locale.ROOT);
    }
}
