package org.adrdstream.inference;

import java.nio.file.Path;

import ai.djl.Device;
import ai.djl.engine.Engine;

/**
 * The platform's DJL settings, applied before the engine first loads: offline (the PyTorch natives come from
 * the {@code pytorch-native-*} jar on the class path, never from the network), no usage tracking, the cache
 * directory the natives are extracted to, and a pinned thread count (default OpenMP threads collapse
 * throughput when the cores are shared with Kafka: docs/models.md "Threads").
 *
 * <p>Properties already set (on the command line or by an earlier call) win over these defaults.
 */
public final class DjlEnvironment {

    /** Where natives are extracted unless {@code DJL_CACHE_DIR} says otherwise: shared by every run on the machine. */
    public static final Path DEFAULT_CACHE = Path.of(System.getProperty("user.home"), ".adrd", "djl");

    private DjlEnvironment() {
    }

    /** Applies the settings with {@code threads} PyTorch intra-op threads (at least 1). */
    public static synchronized void configure(int threads) {
        String cache = System.getenv().getOrDefault("DJL_CACHE_DIR", DEFAULT_CACHE.toString());
        setDefault("ai.djl.offline", "true");
        setDefault("OPT_OUT_TRACKING", "true");
        setDefault("ai.djl.default_engine", "PyTorch");
        setDefault("DJL_CACHE_DIR", cache);
        setDefault("ENGINE_CACHE_DIR", cache);
        setDefault("ai.djl.pytorch.num_threads", Integer.toString(Math.max(1, threads)));
        setDefault("ai.djl.pytorch.num_interop_threads", "1");
    }

    /**
     * The device for {@code cpu}, {@code gpu} or {@code auto} (a GPU when the engine sees one, else the CPU).
     *
     * @throws IllegalArgumentException for {@code gpu} on a machine whose engine sees none, naming the fix
     */
    public static Device device(String choice) {
        int gpus = Engine.getInstance().getGpuCount();
        return switch (choice) {
            case "cpu" -> Device.cpu();
            case "gpu" -> {
                if (gpus == 0) {
                    throw new IllegalArgumentException("--device gpu, but the PyTorch engine sees no GPU: build with "
                            + "-Pgpu (CUDA natives, docs/models.md \"GPU\") and check nvidia-smi");
                }
                yield Device.gpu();
            }
            case "auto" -> gpus > 0 ? Device.gpu() : Device.cpu();
            default -> throw new IllegalArgumentException("device must be cpu, gpu or auto, was '" + choice + "'");
        };
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
