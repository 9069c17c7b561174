package dev.latchkey.http;

import dev.latchkey.core.domain.ClientInfo;
import io.javalin.http.Context;

/** The {@link ClientInfo} of a request: its client address and User-Agent. */
final class ClientInfos {

    private ClientInfos() {
    }

    static ClientInfo of(Context ctx, ClientAddresses addresses) {
        return new ClientInfo(addresses.of(ctx), ctx.header("User-Agent"));
    }
}
