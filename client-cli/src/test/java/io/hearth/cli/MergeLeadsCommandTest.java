package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.proto.v1.MergeLeadsRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MergeLeadsCommandTest {

    @RegisterExtension
    final InProcessHearth hearth = new InProcessHearth();

    @Test
    void sendsBothLeadsAndTheirEtagsAndSaysWhatMoved() {
        CliResult result = hearth.run(
                "leads", "merge", "ada1", "leads/ada9", "--survivor-etag", "\"4\"", "--duplicate-etag", "\"2\"");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(hearth.service.onlyRequest(MergeLeadsRequest.class))
                .isEqualTo(MergeLeadsRequest.newBuilder()
                        .setSurvivor("leads/ada1")
                        .setSurvivorEtag("\"4\"")
                        .setDuplicate("leads/ada9")
                        .setDuplicateEtag("\"2\"")
                        .build());
        assertThat(result.out())
                .startsWith("leads/ada9 merged into leads/ada1: 3 touches, 1 follow-ups, 0 connector" + " links moved")
                .contains("Ada");
    }

    @Test
    void jsonPrintsTheWholeAnswer() {
        CliResult result = hearth.run("leads", "merge", "ada1", "ada9", "--output", "json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("\"mergedInto\": \"leads/ada1\"").contains("\"touchesMoved\": 3");
    }

    @Test
    void bothLeadsAreRequired() {
        CliResult result = hearth.run("leads", "merge", "ada1");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("DUPLICATE");
        assertThat(hearth.service.requests()).isEmpty();
    }
}
