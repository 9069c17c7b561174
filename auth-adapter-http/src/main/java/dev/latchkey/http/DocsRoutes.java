package dev.latchkey.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The API document at {@code /openapi.yaml} and a browsable Swagger UI at {@code /docs}, served from
 * the packaged webjar: nothing is fetched from elsewhere.
 */
final class DocsRoutes {

    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    /** The only UI files served; the names are fixed, so no path comes from the request. */
    private static final Map<String, String> ASSETS = Map.of(
            "swagger-ui.css", "text/css",
            "swagger-ui-bundle.js", "text/javascript",
            "swagger-ui-standalone-preset.js", "text/javascript");
    private static final String PAGE = """
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>Latchkey API</title>
              <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
            </head>
            <body>
              <div id="ui"></div>
              <script src="/docs/assets/swagger-ui-bundle.js"></script>
              <script src="/docs/assets/swagger-ui-standalone-preset.js"></script>
              <script>
                window.onload = () => SwaggerUIBundle({ url: "/openapi.yaml", dom_id: "#ui",
                  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: "StandaloneLayout" });
              </script>
            </body>
            </html>
            """;

    private final byte[] document = resource("dev/latchkey/http/openapi.yaml");
    private final String webjarVersion = webjarVersion();

    void register(RoutesConfig routes) {
        routes.get("/openapi.yaml", ctx -> ctx.contentType("application/yaml").result(document));
        routes.get("/docs", ctx -> ctx.contentType("text/html; charset=utf-8").result(PAGE));
        routes.get("/docs/assets/{file}", this::asset);
    }

    private void asset(Context ctx) {
        String file = ctx.pathParam("file");
        String type = ASSETS.get(file);
        if (type == null) {
            throw new io.javalin.http.NotFoundResponse();
        }
        ctx.contentType(type).result(resource(WEBJAR + webjarVersion + "/" + file));
    }

    private static String webjarVersion() {
        Properties pom = new Properties();
        try (InputStream in = DocsRoutes.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the swagger-ui webjar is missing from the classpath");
            }
            pom.load(in);
            return pom.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] resource(String path) {
        try (InputStream in = DocsRoutes.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
