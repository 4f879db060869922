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
    // Fields below default to BERT's layout; the Hugging Face loader sets them for other families.
    int embeddingSize = 0;          // factorised embeddings (ALBERT, ELECTRA); 0 means `hidden`
    bool sharedLayers = false;      // ALBERT: one set of layer weights, executed `layers` times
    bool preLayerNorm = false;      // GPT-2: LayerNorm before each block, a final one after the stack
    bool causal = false;            // GPT-2: masked attention (same matmul work on the device)
    bool lmHead = false;            // vocabulary projection of every position (GPT-2 forward pass)
    bool tiedLmHead = true;         // the LM head reuses the word embedding table
    bool embeddingLayerNorm = true; // LayerNorm after the embedding sum (not in GPT-2)
};

// The width of the embedding tables: `embeddingSize` when set, else the hidden size.
int embeddingWidth(const TransformerConfig& config);

// Builds the operator graph of one forward pass at a sequence length, per sample. Embedding
// gathers read only the rows they use; matmuls read their whole weight once per batch. With
// shared layers, the parameters sit on the first layer's operators only, and every later layer
// still reads the weights (weightReadBytes) because it executes them again.
ModelGraph buildTransformer(const TransformerConfig& config, int sequenceLength, int dtypeBytes);

} // namespace pipescope::model
