package org.adrdstream.streams.serving;

import java.util.concurrent.atomic.AtomicInteger;

import org.adrdstream.contract.ModelRef;
import org.adrdstream.inference.OcclusionEvidence;
import org.adrdstream.inference.RiskModel;
import org.adrdstream.modelpackage.ModelManifest;
import org.adrdstream.prompt.PromptRenderer;
import org.adrdstream.task.PredictionTask;

/**
 * A loaded model as the scorer uses it: the model, the renderer for its token budget, its evidence method,
 * and the {@link ModelRef} every score names. Reference-counted, so a model swapped out while a batch still
 * runs on it is closed only when that batch is done.
 */
public final class ServingModel {

    private final RiskModel model;
    private final PromptRenderer renderer;
    private final OcclusionEvidence evidence;
    private final ModelRef ref;
    /** Users plus one for the service itself, until it retires the model. */
    private final AtomicInteger references = new AtomicInteger(1);

    ServingModel(RiskModel model, PredictionTask task, OcclusionEvidence evidence) {
        this.model = model;
        ModelManifest manifest = model.manifest();
        this.renderer = new PromptRenderer(task, manifest.tokenBudget());
        this.evidence = evidence;
        this.ref = new ModelRef(manifest.name(), manifest.version(), manifest.weightsSha256(), manifest.target());
    }

    public RiskModel model() {
        return model;
    }

    public PromptRenderer renderer() {
        return renderer;
    }

    public OcclusionEvidence evidence() {
        return evidence;
    }

    public ModelRef ref() {
        return ref;
    }

    /** Takes a reference; false if the model was already closed (the caller asks the service again). */
    boolean retain() {
        int current;
        do {
            current = references.get();
            if (current == 0) {
                return false;
            }
        } while (!references.compareAndSet(current, current + 1));
        return true;
    }

    /** Gives a reference back; the last one closes the model. */
    public void release() {
        if (references.decrementAndGet() == 0) {
            model.close();
        }
    }

    @Override
    public String toString() {
        return ref.getName() + " " + ref.getVersion();
    }
}
