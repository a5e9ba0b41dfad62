package org.crystalbench.models;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One model of an experiment, as written in the config's {@code models} list: a name, a
 * {@code type} and that type's hyperparameters (every one optional, with the defaults documented on
 * each record). The spec is also the trainer, so a model's parameters and the way they are used
 * live in one place.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = MlpSpec.class, name = "mlp"),
        @JsonSubTypes.Type(value = SvmSpec.class, name = "svm"),
        @JsonSubTypes.Type(value = LogisticSpec.class, name = "logistic"),
        @JsonSubTypes.Type(value = NaiveBayesSpec.class, name = "naive-bayes"),
        @JsonSubTypes.Type(value = RandomForestSpec.class, name = "random-forest"),
        @JsonSubTypes.Type(value = GradientBoostingSpec.class, name = "gradient-boosting"),
        @JsonSubTypes.Type(value = ChanceSpec.class, name = "chance"),
        @JsonSubTypes.Type(value = VotingSpec.class, name = "voting")
})
public sealed interface ModelSpec permits BaseModelSpec, VotingSpec {
    /** The label used in every table. */
    String name();
}
