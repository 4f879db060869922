#pragma once

#include "core/result.h"
#include "hardware/device_profile.h"
#include "hardware/instance.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <vector>

namespace pipescope::hardware {

// A dated list of on-demand prices ("launch": the 2019 list the 2021 study used; "current": mid-2021).
struct PriceSet {
    QString id;
    QString label;
    QString date;
    QString source;
};

// The instance catalog: data in resources/catalog.json, editable by the user. Published figures
// carry their source; calibrated ones carry the fit that produced them.
class Catalog {
public:
    // Parses catalog JSON; errors name the JSON path of the bad value.
    static Result<Catalog> fromJson(const QByteArray& json, const QString& origin);
    // The catalog the user chose: the file named by $PIPESCOPE_CATALOG when set, else the user's
    // own `catalog.json` in the application's config folder (userCatalogPath()) when it exists,
    // else the built-in one, with the user's device profiles (DeviceProfileStore::defaultPath()).
    // A broken user file is an error, never silently ignored.
    static Result<Catalog> load();
    // Where a user's edited catalog is looked for, e.g. ~/.config/Pipescope/pipescope/catalog.json.
    static QString userCatalogPath();
    // The catalog shipped in the binary.
    static const Catalog& builtIn();

    const std::vector<InstanceSpec>& instances() const { return m_instances; }
    const std::vector<PriceSet>& priceSets() const { return m_priceSets; }
    const InstanceSpec* find(const QString& name) const;
    QString origin() const { return m_origin; }

    // The user's device profiles (DeviceProfileStore), loaded with the catalog by load(); the
    // built-in catalog has none.
    const std::vector<DeviceProfile>& deviceProfiles() const { return m_profiles; }
    const DeviceProfile* findProfile(const QString& name) const;
    void setDeviceProfiles(std::vector<DeviceProfile> profiles) { m_profiles = std::move(profiles); }
    // The instance with the profile's device entry in place of its catalog device, its
    // InstanceSpec::deviceProfile set to the profile's name. An error when the profile is for
    // another device or its entry does not read.
    Result<InstanceSpec> instanceWithProfile(const QString& instance, const DeviceProfile& profile) const;

    // The catalog as JSON, in the same layout fromJson() reads (used to write calibrated values back).
    QJsonObject toJson() const;

private:
    static Result<Catalog> loadInstances();

    std::vector<InstanceSpec> m_instances;
    std::vector<PriceSet> m_priceSets;
    std::vector<DeviceProfile> m_profiles;
    QJsonObject m_document; // the parsed document, kept so toJson() round-trips unknown keys
    QString m_origin;
};

} // namespace pipescope::hardware
