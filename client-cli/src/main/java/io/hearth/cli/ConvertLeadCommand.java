package io.hearth.cli;

import io.hearth.proto.v1.ContactServiceGrpc;
import io.hearth.proto.v1.ConvertLeadRequest;
import io.hearth.proto.v1.ConvertLeadResponse;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code hearth leads convert ID}: turns a lead into a prospect contact. */
@Command(name = "convert", description = "Convert a lead into a prospect contact, keeping its history.")
final class ConvertLeadCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;

    @Parameters(
            paramLabel = "ID",
            converter = LeadName.Converter.class,
            description = "Lead id or name (leads/{id}).")
    String name;

    @Option(names = "--etag", paramLabel = "ETAG", description = "Convert only if the lead is unchanged since.")
    String etag = "";

    @Override
    public Integer call() {
        return RpcSession.run(spec, session -> {
            ConvertLeadResponse converted = session.stub(ContactServiceGrpc::newBlockingStub)
                    .convertLead(ConvertLeadRequest.newBuilder().setLead(name).setEtag(etag).build());
            session.print(converted, out -> {
                out.println(converted.getLead().getName() + " converted to " + converted.getContact().getName());
                ContactsCommand.printContact(converted.getContact(), out);
            });
        });
    }
}
