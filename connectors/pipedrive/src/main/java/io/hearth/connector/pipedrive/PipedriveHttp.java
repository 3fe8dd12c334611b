package io.hearth.connector.pipedrive;

import io.hearth.connector.crm.http.Credentials;
import io.hearth.connector.crm.http.CrmHttp;

/** The HTTP client for one connection: its token in the {@code x-api-token} header, Pipedrive's errors. */
final class PipedriveHttp {
    private PipedriveHttp() {}

    static CrmHttp connect(PipedriveConfig config, Wiring wiring) {
        return CrmHttp.builder("Pipedrive", config.baseUrl())
                // a header rather than the api_token query parameter, so the token stays out of URLs and proxy logs
                .credentials(Credentials.header("x-api-token", config.apiToken()))
                .errorDialect(new PipedriveErrors())
                .retryPolicy(wiring.retryPolicy())
                .sleeper(wiring.sleeper())
                .clock(wiring.clock())
                .userAgent("Hearth (pipedrive connector)")
                .build();
    }
}
