package org.adrdstream.cli;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.adrdstream.dashboard.Dashboard;
import org.adrdstream.dashboard.DashboardConfig;
import org.adrdstream.dashboard.patient.RemoteHistories;
import org.adrdstream.streams.app.StreamsAppConfig;
import org.adrdstream.streams.query.ApiToken;
import org.adrdstream.topics.PlatformTopics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code adrd dashboard}: the dashboard on its own, against an existing cluster and streams deployment. */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = {"Serves the live risk dashboard, pipeline health and /metrics for a platform running "
                + "elsewhere: reads its topics, asks the cluster for the streams application's lag, and reads patient "
                + "histories from a streams instance's query API (--query-url)."})
final class DashboardCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Interface to serve on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--query-url", required = true, paramLabel = "URL",
            description = "Interactive-query API of any streams instance (its --query-endpoint), e.g. http://streams-0:7070.")
    URI queryUrl;

    @Option(names = "--api-token", paramLabel = "TOKEN",
            description = "Require this bearer token on the dashboard, and send it to the query API (which must "
                    + "have the same); better given as ADRD_API_TOKEN.")
    String apiToken;

    @Option(names = "--application-id", paramLabel = "ID", defaultValue = StreamsAppConfig.DEFAULT_APPLICATION_ID,
            description = "Streams application whose lag is shown (default: ${DEFAULT-VALUE}).")
    String applicationId;

    @Override
    public Integer call() {
        Ports.check(spec, "--port", port);
        if (queryUrl.getScheme() == null || queryUrl.getHost() == null) {
            throw new ParameterException(spec.commandLine(), "--query-url must be an http URL such as "
                    + "http://streams-0:7070, was '" + queryUrl + "'");
        }
        Dashboard dashboard = Dashboard.start(new DashboardConfig(host, port, cluster.clientProperties(),
                PlatformTopics.of(cluster.topicPrefix, PlatformTopics.DEFAULT_PARTITIONS),
                cluster.topicPrefix + applicationId, new RemoteHistories(queryUrl, ApiToken.of(apiToken)), null, Optional::empty, Instant.now(),
                ApiToken.of(apiToken)));
        var out = spec.commandLine().getOut();
        out.println("Dashboard on " + dashboard.url() + " (metrics at " + dashboard.url() + "metrics)");
        out.println("READY");
        return RunUntilStopped.run(dashboard, "adrd dashboard", out);
    }
}
