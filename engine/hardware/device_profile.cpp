#include "hardware/device_profile.h"

#include "core/json_fields.h"
#include "io/atomic_file.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>

namespace pipescope::hardware {
namespace {

constexpr qsizetype kMaxProfiles = 1000;
constexpr qint64 kMaxFileBytes = 16 * 1024 * 1024; // a profile is a few kilobytes

const QString kFormat = QStringLiteral("pipescope-device-profiles");

bool readProfile(const QJsonValue& value, const QString& path, Diagnostics* d, DeviceProfile* out) {
    if (!value.isObject()) {
        d->fail(path, QStringLiteral("must be an object"));
        return false;
    }
    FieldReader r(value.toObject(), path, d);
    if (!(r.string(QStringLiteral("name"), &out->name, true, 200) &&
          r.string(QStringLiteral("base_device"), &out->baseDevice, true, 200) &&
          r.object(QStringLiteral("device"), &out->device) &&
          r.object(QStringLiteral("provenance"), &out->provenance, false)))
        return false;
    if (out->name.trimmed().isEmpty()) {
        d->fail(r.pathOf(QStringLiteral("name")), QStringLiteral("must not be empty"));
        return false;
    }
    return true;
}

} // namespace

QString DeviceProfileStore::defaultPath() {
    const QString env = QString::fromLocal8Bit(qgetenv("PIPESCOPE_DEVICE_PROFILES"));
    if (!env.isEmpty())
        return env;
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) +
           QStringLiteral("/device-profiles.json");
}

Result<DeviceProfileStore> DeviceProfileStore::fromJson(const QByteArray& json, const QString& origin) {
    Result<QJsonObject> parsed =
        parseFormattedObject(json, origin, kFormat, QStringLiteral("a Pipescope device profiles file"));
    if (!parsed)
        return parsed.error();
    Diagnostics d;
    FieldReader r(std::move(parsed).value(), QString(), &d);
    QJsonArray profiles;
    qint64 version = 0;
    DeviceProfileStore store;
    if (r.integer(QStringLiteral("version"), 1, 1, &version) &&
        r.array(QStringLiteral("profiles"), kMaxProfiles, &profiles)) {
        for (qsizetype i = 0; i < profiles.size(); ++i) {
            DeviceProfile profile;
            if (!readProfile(profiles[i], indexPath(QStringLiteral("profiles"), i), &d, &profile))
                break;
            if (store.find(profile.name)) {
                d.fail(indexPath(QStringLiteral("profiles"), i),
                       QStringLiteral("a second profile named \"%1\"").arg(profile.name));
                break;
            }
            store.m_profiles.push_back(std::move(profile));
        }
    }
    if (d.failed())
        return makeError(d.error->message, origin + QLatin1Char(':') + d.error->where);
    return store;
}

Result<DeviceProfileStore> DeviceProfileStore::load(const QString& path) {
    QFile file(path);
    if (!file.exists())
        return DeviceProfileStore();
    if (!file.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("cannot read the device profiles: %1").arg(file.errorString()), path);
    if (file.size() > kMaxFileBytes)
        return makeError(QStringLiteral("is larger than 16 MiB; not a device profiles file"), path);
    return fromJson(file.readAll(), path);
}

const DeviceProfile* DeviceProfileStore::find(const QString& name) const {
    for (const DeviceProfile& p : m_profiles)
        if (p.name == name)
            return &p;
    return nullptr;
}

void DeviceProfileStore::put(DeviceProfile profile) {
    for (DeviceProfile& p : m_profiles)
        if (p.name == profile.name) {
            p = std::move(profile);
            return;
        }
    m_profiles.push_back(std::move(profile));
}

bool DeviceProfileStore::remove(const QString& name) {
    const auto before = m_profiles.size();
    std::erase_if(m_profiles, [&](const DeviceProfile& p) { return p.name == name; });
    return m_profiles.size() != before;
}

QByteArray DeviceProfileStore::toJson() const {
    QJsonArray profiles;
    for (const DeviceProfile& p : m_profiles)
        profiles.append(QJsonObject{{QStringLiteral("name"), p.name},
                                    {QStringLiteral("base_device"), p.baseDevice},
                                    {QStringLiteral("device"), p.device},
                                    {QStringLiteral("provenance"), p.provenance}});
    const QJsonObject root{{QStringLiteral("format"), kFormat},
                           {QStringLiteral("version"), 1},
                           {QStringLiteral("profiles"), profiles}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

std::optional<Error> DeviceProfileStore::save(const QString& path) const {
    // The config folder does not exist before the first thing is saved in it.
    const QString folder = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(folder))
        return makeError(QStringLiteral("cannot create the folder"), folder);
    return io::writeFileAtomically(path, toJson());
}

} // namespace pipescope::hardware
