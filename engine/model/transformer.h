#pragma once

#include "model/model_graph.h"

namespace pipescope::model {

// Architecture parameters of a BERT-like encoder (the fields of a Hugging Face config.json).
struct TransformerConfig {
    QString name;
    QString family = QStringLiteral("bert");
    int layers = 12;
    int hidden = 768;
    int heads = 12;
    int intermediate = 3072;
    int vocabulary = 30522;
    int maxPositions = 512;
    int typeVocabulary = 2; // 0 when the model has no token type embeddings
    bool pooler = true;     // dense + tanh on the first token
    QString activation = QStringLiteral("gelu");
};

// Builds the operator graph of one forward pass at a sequence length, per sample. Embedding
// gathers read only the rows they use; matmuls read their whole weight once per batch.
ModelGraph buildTransformer(const TransformerConfig& config, int sequenceLength, int dtypeBytes);

} // namespace pipescope::model
