package org.adrdstream.streams.serving;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import ai.djl.Device;

import org.adrdstream.contract.ModelPromotion;
import org.adrdstream.inference.DjlEnvironment;
import org.adrdstream.inference.OcclusionEvidence;
import org.adrdstream.inference.RiskModel;
import org.adrdstream.modelpackage.ModelPackage;
import org.adrdstream.modelpackage.PackageRefusedException;
import org.adrdstream.modelregistry.BundledModel;
import org.adrdstream.modelregistry.ModelRegistry;
import org.adrdstream.streams.scoring.ScoringSettings;
import org.adrdstream.task.PredictionTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the model in service and swaps it on promotion (docs/streams.md, "Hot swap"). The first model is
 * the latest promotion of the configured name, else the configured version, else the bundled default. A
 * {@link PromotionListener} then follows {@code models.control.v1}: each new promotion of the name is loaded
 * on a background thread, verified against the promoted SHA-256, and switched in atomically; batches already
 * running finish on the old model. A package that fails to load leaves the old model serving and is
 * reported in {@link #lastFailure()} and the log.
 */
public final class ModelService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ModelService.class);

    private final ScoringSettings settings;
    private final PredictionTask task;
    private final ModelRegistry registry;
    private final AtomicReference<ServingModel> serving = new AtomicReference<>();
    private final AtomicReference<String> lastFailure = new AtomicReference<>();
    private final ExecutorService loader = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "adrd-model-loader");
        thread.setDaemon(true);
        return thread;
    });
    private final Device device;
    private PromotionListener listener;

    public ModelService(ScoringSettings settings, PredictionTask task) {
        this.settings = settings;
        this.task = task;
        this.registry = new ModelRegistry(settings.modelRegistry());
        DjlEnvironment.configure(settings.inferenceThreads());
        this.device = DjlEnvironment.device(settings.device());
    }

    /**
     * Loads the first model and starts following promotions.
     *
     * @param consumerProperties Kafka consumer settings for reading the control topic
     * @throws PackageRefusedException when no model can be served at all
     */
    public ModelService start(Map<String, Object> consumerProperties, String controlTopic,
                              org.apache.kafka.common.serialization.Deserializer<ModelPromotion> promotions)
            throws PackageRefusedException {
        listener = new PromotionListener(consumerProperties, controlTopic, promotions, settings.modelName(), this::promoted);
        ModelPromotion latest = listener.readToEnd(Duration.ofSeconds(30));
        ServingModel first = null;
        if (latest != null) {
            try {
                first = load(latest);
            } catch (PackageRefusedException e) {
                report("promoted " + latest.getModelName() + " " + latest.getVersion() + " refused: " + e.getMessage());
            }
        }
        serving.set(first != null ? first : loadConfigured());
        log.info("serving model {} on {}", serving.get(), device);
        listener.start();
        return this;
    }

    /**
     * Serves the configured model and never swaps it (no control topic): for tools and topology tests that run
     * without a cluster.
     */
    public ModelService serveConfigured() throws PackageRefusedException {
        serving.set(loadConfigured());
        log.info("serving model {} on {} (promotions not followed)", serving.get(), device);
        return this;
    }

    /** The model in service with a reference taken: release it when the batch is done. */
    public ServingModel acquire() {
        while (true) {
            ServingModel current = serving.get();
            if (current == null || current.retain()) {
                return current;
            }
        }
    }

    /** Why the last promotion or load failed; null if none did. */
    public String lastFailure() {
        return lastFailure.get();
    }

    public Device device() {
        return device;
    }

    private void promoted(ModelPromotion promotion) {
        ServingModel current = serving.get();
        if (current != null && current.ref().getVersion().equals(promotion.getVersion())
                && current.ref().getSha256().equalsIgnoreCase(promotion.getSha256())) {
            return;
        }
        loader.execute(() -> {
            try {
                ServingModel next = load(promotion);
                ServingModel previous = serving.getAndSet(next);
                log.info("model {} promoted ({}); replaced {}", next, promotion.getReason(), previous);
                if (previous != null) {
                    previous.release();
                }
            } catch (PackageRefusedException | RuntimeException e) {
                report("promotion of " + promotion.getModelName() + " " + promotion.getVersion() + " refused, still serving "
                        + serving.get() + ": " + e.getMessage());
            }
        });
    }

    private ServingModel load(ModelPromotion promotion) throws PackageRefusedException {
        ModelPackage opened = ModelPackage.open(location(promotion.getLocation()))
                .requireIdentity(promotion.getModelName(), promotion.getVersion(), promotion.getSha256());
        return serve(opened);
    }

    private ServingModel loadConfigured() throws PackageRefusedException {
        if (settings.modelVersion() != null) {
            return serve(registry.open(settings.modelName(), settings.modelVersion()));
        }
        if (settings.modelName().equals(BundledModel.NAME)) {
            BundledModel.installInto(registry);
            return serve(registry.open(BundledModel.NAME, BundledModel.VERSION));
        }
        throw new PackageRefusedException("model " + settings.modelName() + " has no promotion on the control topic and "
                + "no version was given: promote one ('adrd models promote NAME VERSION') or set --model-version");
    }

    private ServingModel serve(ModelPackage opened) throws PackageRefusedException {
        RiskModel model = RiskModel.load(opened, device, settings.batchSize());
        return new ServingModel(model, task, new OcclusionEvidence(settings.evidenceCandidates(), settings.evidenceItems()));
    }

    /** A promotion's location: a {@code file:} URI or a plain path. */
    static Path location(String location) {
        return location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
    }

    private void report(String problem) {
        lastFailure.set(problem);
        log.warn(problem);
    }

    @Override
    public void close() {
        if (listener != null) {
            listener.close();
        }
        loader.shutdownNow();
        ServingModel last = serving.getAndSet(null);
        if (last != null) {
            last.release();
        }
    }
}
