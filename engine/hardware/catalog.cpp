#include "hardware/catalog.h"

#include "core/json_fields.h"
#include "hardware/instance_json.h"

#include <QFile>
#include <QJsonArray>
#include <QStandardPaths>

#include <cmath>

namespace pipescope::hardware {
namespace {

constexpr qsizetype kMaxEntries = 10000; // price sets, instances: far more than any catalog has

// Diagnostics' first error with the catalog's origin in front of its JSON path.
Error located(const Diagnostics& d, const QString& origin) {
    const Error& e = *d.error;
    return makeError(e.message, e.where.isEmpty() ? origin : origin + QLatin1Char(':') + e.where);
}

bool readPriceSets(const QJsonArray& sets, Diagnostics* d, std::vector<PriceSet>* out) {
    for (qsizetype i = 0; i < sets.size(); ++i) {
        const QString path = indexPath(QStringLiteral("price_sets"), i);
        if (!sets[i].isObject()) {
            d->fail(path, QStringLiteral("must be an object"));
            return false;
        }
        FieldReader r(sets[i].toObject(), path, d);
        PriceSet set;
        if (!r.string(QStringLiteral("id"), &set.id))
            return false;
        set.label = set.id;
        if (!(r.string(QStringLiteral("label"), &set.label, false) &&
              r.string(QStringLiteral("date"), &set.date, false) &&
              r.string(QStringLiteral("source"), &set.source, false)))
            return false;
        out->push_back(set);
    }
    return true;
}

// The optional "calibration" block a fit writes next to a device's parameters:
// {"parameters": [keys], "log_covariance": [[...], ...], "residual_sigma": {"throughput", "p95"}, "rows"}.
// Catalog-only: profiles do not carry it.
bool readUncertainty(const QJsonObject& device, const QString& devicePath, Diagnostics* d,
                     CalibrationUncertainty* out) {
    FieldReader rd(device, devicePath, d);
    QJsonObject block, sigma;
    if (!rd.object(QStringLiteral("calibration"), &block, false) || block.isEmpty())
        return !d->failed();
    FieldReader r(block, rd.pathOf(QStringLiteral("calibration")), d);
    QJsonArray keys, rows;
    if (!(r.array(QStringLiteral("parameters"), 64, &keys) &&
          r.array(QStringLiteral("log_covariance"), 64, &rows) &&
          r.object(QStringLiteral("residual_sigma"), &sigma) &&
          r.integerAs(QStringLiteral("rows"), 0, 1000000, &out->rows)))
        return false;
    FieldReader rs(sigma, r.pathOf(QStringLiteral("residual_sigma")), d);
    if (!(rs.number(QStringLiteral("throughput"), 0, 10, &out->throughputSigma) &&
          rs.number(QStringLiteral("p95"), 0, 10, &out->p95Sigma)))
        return false;
    const auto n = keys.size();
    if (rows.size() != n) {
        d->fail(r.pathOf(QStringLiteral("log_covariance")),
                QStringLiteral("must be a square matrix with one row per parameter"));
        return false;
    }
    for (const QJsonValue& key : keys) {
        if (!key.isString()) {
            d->fail(r.pathOf(QStringLiteral("parameters")), QStringLiteral("must be a list of names"));
            return false;
        }
        out->keys.push_back(key.toString());
    }
    for (qsizetype i = 0; i < n; ++i) {
        const QString rowPath = indexPath(r.pathOf(QStringLiteral("log_covariance")), i);
        const QJsonArray row = rows[i].toArray();
        if (row.size() != n) {
            d->fail(rowPath, QStringLiteral("must have %1 numbers").arg(n));
            return false;
        }
        for (const QJsonValue& v : row) {
            if (!v.isDouble() || !std::isfinite(v.toDouble())) {
                d->fail(rowPath, QStringLiteral("must hold finite numbers"));
                return false;
            }
            out->logCovariance.push_back(v.toDouble());
        }
    }
    return true;
}

// One instance: its own fields, then the parameters of its device through the schema profiles
// share (hardware/instance_json.h).
bool readInstance(const QJsonValue& value, const QString& path, const QJsonObject& devices, Diagnostics* d,
                  InstanceSpec* spec) {
    if (!value.isObject()) {
        d->fail(path, QStringLiteral("must be an object"));
        return false;
    }
    const QJsonObject json = value.toObject();
    FieldReader r(json, path, d);
    QJsonObject prices, device, host;
    if (!(r.string(QStringLiteral("name"), &spec->name) &&
          r.string(QStringLiteral("device"), &spec->device) && r.object(QStringLiteral("prices"), &prices)))
        return false;
    const QString devicePath = QStringLiteral("devices.") + spec->device;
    if (!devices.contains(spec->device)) {
        d->fail(r.pathOf(QStringLiteral("device")),
                QStringLiteral("device \"%1\" is not in \"devices\"").arg(spec->device));
        return false;
    }
    if (!devices.value(spec->device).isObject()) {
        d->fail(devicePath, QStringLiteral("must be an object"));
        return false;
    }
    device = devices.value(spec->device).toObject();
    FieldReader rd(device, devicePath, d);
    QString kind;
    if (!(rd.string(QStringLiteral("kind"), &kind) && rd.object(QStringLiteral("host"), &host)))
        return false;
    if (kind != QLatin1String("neuron") && kind != QLatin1String("gpu")) {
        d->fail(rd.pathOf(QStringLiteral("kind")), QStringLiteral("must be \"neuron\" or \"gpu\""));
        return false;
    }
    spec->kind = kind == QLatin1String("gpu") ? InstanceKind::Gpu : InstanceKind::Inferentia;
    // A catalog device has no second device object to carry.
    if (!readInstanceParameters({json, path, device, devicePath, host, rd.pathOf(QStringLiteral("host")),
                                 QJsonObject(), QString()},
                                d, spec))
        return false;
    if (!readUncertainty(device, devicePath, d, &spec->uncertainty))
        return false;
    FieldReader rp(prices, r.pathOf(QStringLiteral("prices")), d);
    for (auto it = prices.constBegin(); it != prices.constEnd(); ++it) {
        double price = 0;
        if (!rp.number(it.key(), 0, 1e6, &price))
            return false;
        spec->pricePerHour[it.key()] = price;
    }
    return true;
}

} // namespace

Result<Catalog> Catalog::fromJson(const QByteArray& json, const QString& origin) {
    Result<QJsonObject> parsed = parseFormattedObject(json, origin, QStringLiteral("pipescope-catalog"),
                                                      QStringLiteral("a Pipescope instance catalog"));
    if (!parsed)
        return parsed.error();
    const QJsonObject root = std::move(parsed).value();

    Catalog catalog;
    catalog.m_origin = origin;
    catalog.m_document = root;
    Diagnostics d; // warnings (fields this build does not know) are not an error in a catalog
    FieldReader r(root, QString(), &d);
    QJsonArray sets, instances;
    QJsonObject devices;
    if (!(r.array(QStringLiteral("price_sets"), kMaxEntries, &sets) &&
          readPriceSets(sets, &d, &catalog.m_priceSets) && r.object(QStringLiteral("devices"), &devices) &&
          r.array(QStringLiteral("instances"), kMaxEntries, &instances)))
        return located(d, origin);
    for (qsizetype i = 0; i < instances.size(); ++i) {
        InstanceSpec spec;
        if (!readInstance(instances[i], indexPath(QStringLiteral("instances"), i), devices, &d, &spec))
            return located(d, origin);
        catalog.m_instances.push_back(std::move(spec));
    }
    return catalog;
}

const DeviceProfile* Catalog::findProfile(const QString& name) const {
    for (const DeviceProfile& p : m_profiles)
        if (p.name == name)
            return &p;
    return nullptr;
}

Result<InstanceSpec> Catalog::instanceWithProfile(const QString& instance,
                                                  const DeviceProfile& profile) const {
    const InstanceSpec* base = find(instance);
    if (!base)
        return makeError(QStringLiteral("unknown instance '%1'").arg(instance), QStringLiteral("instance"));
    const QString where = QStringLiteral("device profile \"%1\"").arg(profile.name);
    if (base->device != profile.baseDevice)
        return makeError(
            QStringLiteral("is for %1 devices; %2 has %3").arg(profile.baseDevice, instance, base->device),
            where);
    const QJsonArray instances = m_document.value(QStringLiteral("instances")).toArray();
    QJsonObject devices = m_document.value(QStringLiteral("devices")).toObject();
    devices[profile.baseDevice] = profile.device;
    for (qsizetype i = 0; i < instances.size(); ++i) {
        if (instances[i].toObject().value(QStringLiteral("name")).toString() != instance)
            continue;
        Diagnostics d;
        InstanceSpec spec;
        if (!readInstance(instances[i], indexPath(QStringLiteral("instances"), i), devices, &d, &spec))
            return located(d, where);
        spec.deviceProfile = profile.name;
        return spec;
    }
    return makeError(QStringLiteral("unknown instance '%1'").arg(instance), where);
}

QString Catalog::userCatalogPath() {
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) +
           QStringLiteral("/catalog.json");
}

Result<Catalog> Catalog::load() {
    Result<Catalog> catalog = loadInstances();
    if (!catalog)
        return catalog;
    Result<DeviceProfileStore> profiles = DeviceProfileStore::load();
    if (!profiles)
        return profiles.error();
    catalog.value().setDeviceProfiles(profiles->profiles());
    return catalog;
}

Result<Catalog> Catalog::loadInstances() {
    QString path = QString::fromLocal8Bit(qgetenv("PIPESCOPE_CATALOG"));
    if (path.isEmpty() && QFile::exists(userCatalogPath()))
        path = userCatalogPath();
    if (path.isEmpty())
        return builtIn();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("cannot read the catalog: %1").arg(file.errorString()),
                         file.fileName());
    // A catalog is a few kilobytes; refuse anything that could not be one before reading it all.
    if (file.size() > 16 * 1024 * 1024)
        return makeError(QStringLiteral("is larger than 16 MiB; not an instance catalog"), file.fileName());
    return fromJson(file.readAll(), file.fileName());
}

const Catalog& Catalog::builtIn() {
    static const Catalog catalog = [] {
        QFile file(QStringLiteral(":/pipescope/catalog.json"));
        file.open(QIODevice::ReadOnly);
        Result<Catalog> parsed = fromJson(file.readAll(), QStringLiteral("built-in catalog"));
        // The built-in catalog is tested; an empty one here would be a packaging error.
        return parsed.ok() ? std::move(parsed).value() : Catalog();
    }();
    return catalog;
}

const InstanceSpec* Catalog::find(const QString& name) const {
    for (const InstanceSpec& spec : m_instances)
        if (spec.name == name)
            return &spec;
    return nullptr;
}

QJsonObject Catalog::toJson() const {
    return m_document;
}

} // namespace pipescope::hardware
