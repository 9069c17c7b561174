package dev.latchkey.app;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.latchkey.core.crypto.BoundedPasswordHasher;
import dev.latchkey.http.AnsweredRequest;
import io.javalin.Javalin;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.eclipse.jetty.server.handler.GracefulHandler;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Latchkey's meters, kept for Prometheus: HTTP requests by route, method and status with latency
 * buckets, requests in flight, the hashing queue, the connection pool and the JVM. Logins, refresh
 * reuse and ended sessions are counted by {@link MeteredAuditLog} in the same registry.
 */
final class PrometheusMetrics {

    /** Few, fixed latency buckets: a bcrypt login takes hundreds of ms, a token check well under one. */
    private static final Duration[] LATENCY_BUCKETS = {
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Meter.MeterProvider<Timer> requests = Timer.builder("http.server.requests")
            .description("Answered HTTP requests, by matched route, method and status")
            .serviceLevelObjectives(LATENCY_BUCKETS)
            .withRegistry(registry);

    PrometheusMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    MeterRegistry registry() {
        return registry;
    }

    /** Connections active, idle and pending, and how long they take to get (HikariCP's own meters). */
    void bindPool(HikariDataSource pool) {
        pool.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
    }

    void bindHashingQueue(BoundedPasswordHasher hasher) {
        Gauge.builder("latchkey.hashing.queued", hasher, BoundedPasswordHasher::queued)
                .description("Password hashing jobs waiting for a thread; when the queue is full, logins get 503")
                .register(registry);
    }

    /** Requests being handled now; they are what a graceful stop waits for. */
    void bindRequestsInFlight(Javalin app) {
        GracefulHandler graceful = app.jettyServer().server().getDescendant(GracefulHandler.class);
        if (graceful != null) {
            Gauge.builder("http.server.requests.active", graceful, GracefulHandler::getCurrentRequestCount)
                    .description("HTTP requests being handled")
                    .register(registry);
        }
    }

    void answered(AnsweredRequest request) {
        requests.withTags(Tags.of("method", request.method(), "route", request.route(),
                        "status", Integer.toString(request.status())))
                .record((long) (request.durationMs() * 1_000_000), TimeUnit.NANOSECONDS);
    }

    /** Every meter in the Prometheus text format. */
    String scrape() {
        return registry.scrape();
    }
}
