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
@Command(
        name = "connectors",
        description = "Connectors the server has.",
        subcommands = ConnectorsCommand.ListConnectors.class)
final class ConnectorsCommand {
    private static final String PREFIX = "CONNECTOR_CAPABILITY_";

    @Command(name = "list", description = "List the installed connectors and what they can do.")
    static final class ListConnectors extends RpcCommand {
        @Override
        void execute() {
            PrintWriter out = out();
            PrintWriter err = err();
            TableFormatter table = new TableFormatter("NAME", "CAN", "CONFIG", "DESCRIPTION");
            String token = "";
            do {
                ListConnectorsResponse page = syncService()
                        .listConnectors(ListConnectorsRequest.newBuilder()
                                .setPageToken(token)
                                .build());
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
            table.printTo(out);
        }
    }

    private static String capability(ConnectorCapability capability) {
        return capability.name().substring(PREFIX.length()).toLowerCase(Locale.ROOT);
    }
}
