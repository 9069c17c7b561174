package dev.latchkey.http;

import dev.latchkey.core.Latchkey;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.router.Endpoint;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.server.handler.GracefulHandler;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Builds Latchkey's JSON API on Javalin from the use cases. The app is returned unstarted; the
 * caller starts it on its port and stops it on shutdown.
 */
public final class HttpApi {

    private static final int RESPONSE_COPY_BUFFER_BYTES = 4096;
    private static final int MAX_HEADER_BYTES = 16 * 1024;

    private HttpApi() {
    }

    /**
     * Loads and initialises the JSON and validation machinery ahead of {@link #create}, e.g. on
     * another thread while the database opens, so that start-up does the two at once.
     */
    public static void warmUp() {
        new Json();
        // Jetty's MIME table is built when its server is made, walking every installed locale.
        MimeTypes.DEFAULTS.getMimeByExtension("json");
    }

    /**
     * The API over {@code latchkey}'s use cases. {@code ready} answers {@code /health/ready} and
     * {@code /health}: whether this instance should get traffic; {@code /health/live} answers 200
     * whatever it says.
     */
    public static Javalin create(Latchkey latchkey, BooleanSupplier ready, HttpSettings settings) {
        return create(latchkey, ready, settings, answered -> { });
    }

    /**
     * As {@link #create(Latchkey, BooleanSupplier, HttpSettings)}, telling {@code onAnswered} of
     * every answered request after the request log has seen it.
     */
    public static Javalin create(Latchkey latchkey, BooleanSupplier ready, HttpSettings settings,
                                 Consumer<AnsweredRequest> onAnswered) {
        Json json = new Json();
        Problems problems = new Problems(json);
        Replies replies = new Replies(json);
        Bodies bodies = new Bodies(json, settings.maxBodyBytes());
        BearerAuth auth = new BearerAuth(latchkey.authenticate());
        ClientAddresses addresses = new ClientAddresses(settings.trustedProxies());
        RequestLog requestLog = new RequestLog(settings.requestLog(), onAnswered);
        RefreshCookie cookie = new RefreshCookie(settings, addresses);

        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.router.ignoreTrailingSlashes = true;
            config.jetty.modifyHttpConfiguration(http -> {
                // Jetty's own 8 KiB header limit would answer an oversized Authorization header with
                // an HTML 431 before BearerAuth could refuse it (above 8 KiB) as a problem.
                http.setRequestHeaderSize(MAX_HEADER_BYTES);
                // Jetty caches header values per connection, Authorization among them; every request
                // carries another bearer token, so the cache only filled and cleared, costing /me
                // most of its throughput until C2 had compiled it (docs/performance.md, change 11).
                http.setHeaderCacheSize(0);
            });
            config.http.prefer405over404 = true;
            config.http.maxRequestSize = settings.maxBodyBytes();
            config.http.generateEtags = false;
            // Javalin copies each answer into Jetty's output through a buffer of this size, new for
            // every request; left unset it is Jetty's 32 KiB, garbage that set the pace of the young
            // collections under load. Every JSON answer fits in 4 KiB (docs/performance.md, change 16).
            config.http.responseBufferSize = RESPONSE_COPY_BUFFER_BYTES;
            config.requestLogger.http(requestLog::answered);
            config.jetty.modifyServer(server -> {
                // On stop: no new connections, in-flight requests finish (up to the timeout), then stop.
                server.insertHandler(new GracefulHandler());
                server.setStopTimeout(settings.stopTimeout().toMillis());
                // What Jetty refuses before routing (431, 414, a request it cannot parse) is a problem too.
                server.setErrorHandler(new JettyProblems(json));
            });
            if (!settings.corsOrigins().isEmpty()) {
                List<String> origins = settings.corsOrigins();
                config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                    rule.allowHost(origins.get(0), origins.subList(1, origins.size()).toArray(String[]::new));
                    // In cookie mode the listed origins' pages send the refresh cookie along.
                    rule.allowCredentials = settings.refreshCookie();
                }));
            }
            config.routes.before(SecurityHeaders::apply);
            config.routes.before(HttpApi::refuseRepeatedAuthorization);

            new TokenRoutes(latchkey.logIn(), latchkey.refresh(), latchkey.authenticate(), bodies, replies, addresses,
                    cookie).register(config.routes);
            new UserRoutes(latchkey.register(), latchkey.currentUser(), latchkey.logOut(), latchkey.changePassword(),
                    auth, bodies, replies, addresses, cookie).register(config.routes);
            new SessionRoutes(latchkey.sessions(), auth, replies, addresses).register(config.routes);
            new PublicRoutes(latchkey.tokens(), ready, replies).register(config.routes);
            new DocsRoutes().register(config.routes);
            new RecoveryRoutes(latchkey, auth, bodies, replies, addresses).register(config.routes);
            new AccountPages().register(config.routes);
            answerHeadAsGet(config);

            config.routes.exception(HttpResponseException.class, problems::handle);
            config.routes.exception(Exception.class, problems::handle);
        });
    }

    /**
     * Javalin answers HEAD on a GET route with an empty 200 of its own, without running the route,
     * so without its authentication: every GET route gets the same handler for HEAD, and Jetty sends
     * its answer (status, headers, problems) without the body. Call it after every route is registered.
     */
    private static void answerHeadAsGet(JavalinConfig config) {
        List<Endpoint> gets = config.unsafe.internalRouter.allHttpHandlers().stream()
                .map(parsed -> parsed.endpoint)
                .filter(endpoint -> endpoint.method == HandlerType.GET)
                .toList();
        for (Endpoint get : gets) {
            config.routes.head(get.path, get.handler);
        }
    }

    /** Two Authorization headers (two users' tokens, say) are refused: the server never picks one. */
    private static void refuseRepeatedAuthorization(Context ctx) {
        var values = ctx.req().getHeaders("Authorization");
        if (values != null && values.hasMoreElements()) {
            values.nextElement();
            if (values.hasMoreElements()) {
                throw HttpFailure.of(HttpFailure.Kind.BAD_REQUEST, "Send one Authorization header, not several.");
            }
        }
    }
}
