#pragma once

#include "core/json_fields.h"
#include "hardware/instance.h"

namespace pipescope::hardware {

// The one schema of an instance's parameters, shared by the instance catalog (resources/
// catalog.json, a user's catalog) and by profiles, so that whatever the catalog accepts a saved
// profile accepts too. The two files lay the same fields out differently (the catalog shares a
// device entry between instances and keeps its own "kind" and price keys); each reads its layout
// and hands the three objects here. Adding a parameter to InstanceSpec means adding one line to
// the field lists in instance_json.cpp (instanceFields, neuronFields, gpuFields, hostFields).
struct InstanceJsonParts {
    QJsonObject instance; // chips, vcpus, host_memory_gib
    QString instancePath;
    QJsonObject device; // the NeuronDevice or GpuDevice parameters, as out->kind says
    QString devicePath;
    QJsonObject host; // HostParams
    QString hostPath;
    // Profiles carry the other kind's device object too (zeros, mostly); read when not empty, so
    // that rewriting a profile gives the same bytes.
    QJsonObject otherDevice;
    QString otherDevicePath;
};

// Reads every parameter of `parts` into *out, whose kind must already be set. A parameter is a
// bare number or {"value": number, "source": "text"}; a source is stored in out->sources under
// "neuron.key", "gpu.key" or "host.key". Returns false with the error (JSON path and range) in
// *d. Unknown fields of the device and host objects are reported as warnings in *d (the catalog
// ignores them); the instance object's are left to the caller (markInstanceParametersKnown).
bool readInstanceParameters(const InstanceJsonParts& parts, Diagnostics* d, InstanceSpec* out);

// Marks the instance-level parameter keys as read on a reader of the instance object, so that
// the caller's unknown-field report only names what neither side knows.
void markInstanceParametersKnown(FieldReader* instance);

// The parameters as bare numbers, in the layout readInstanceParameters reads: the instance-level
// fields are added to *instance, and one object each for the Neuron device, the GPU and the host.
void writeInstanceParameters(const InstanceSpec& spec, QJsonObject* instance, QJsonObject* neuron,
                             QJsonObject* gpu, QJsonObject* host);

} // namespace pipescope::hardware
