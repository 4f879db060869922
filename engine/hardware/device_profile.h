#pragma once

#include "core/result.h"

#include <QJsonObject>
#include <QString>

#include <optional>
#include <vector>

namespace pipescope::hardware {

// A device fitted to a user's own measurements ("inferentia1 - my-team 2026-12"): a complete
// device entry in the catalog's layout, used in place of the catalog's entry for `baseDevice` when
// a run picks the profile. Kept in the user's config folder (device-profiles.json), never in the
// built-in catalog.
struct DeviceProfile {
    QString name;
    QString baseDevice;     // catalog device key it replaces, e.g. "inferentia1"
    QJsonObject device;     // the device entry ({"kind", parameters with sources, "host", "calibration"})
    QJsonObject provenance; // {"measurements": file name, "date", "rows", "mape_before", "mape_after", ...}
};

// The user's device profiles file: {"format": "pipescope-device-profiles", "version": 1, "profiles": [...]}.
class DeviceProfileStore {
public:
    // $PIPESCOPE_DEVICE_PROFILES when set, else device-profiles.json in the application's config folder.
    static QString defaultPath();
    // Reads the file; a missing file is an empty store, a broken one an error naming the JSON path.
    static Result<DeviceProfileStore> load(const QString& path = defaultPath());
    static Result<DeviceProfileStore> fromJson(const QByteArray& json, const QString& origin);

    const std::vector<DeviceProfile>& profiles() const { return m_profiles; }
    const DeviceProfile* find(const QString& name) const;
    // Adds or replaces the profile of that name.
    void put(DeviceProfile profile);
    bool remove(const QString& name);

    QByteArray toJson() const;
    // Writes the whole file atomically (a temporary file renamed over the old one): a crash or a
    // full disk leaves the previous file as it was.
    std::optional<Error> save(const QString& path = defaultPath()) const;

private:
    std::vector<DeviceProfile> m_profiles;
};

} // namespace pipescope::hardware
