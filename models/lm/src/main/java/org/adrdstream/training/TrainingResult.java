package org.adrdstream.training;

import org.adrdstream.modelpackage.ModelPackage;

/**
 * What a training run produced.
 *
 * @param modelPackage        the written, verified package
 * @param validationAuroc     AUROC of the read-out on the validation examples
 * @param trainedTokens       tokens through fine-tuning and pretraining steps
 * @param tokensPerSecond     training throughput
 * @param validationLogOdds   the package's read-out of each validation example, in order (before calibration)
 */
public record TrainingResult(ModelPackage modelPackage, double validationAuroc, long trainedTokens,
                             double tokensPerSecond, double[] validationLogOdds) {
}
