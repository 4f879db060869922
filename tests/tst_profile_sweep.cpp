// The profile's optional "sweeps" block: a sweep written and read back ranks the same, files
// without the block still open, and a bad sweep is refused with its JSON path.
#include "io/profile_reader.h"
#include "io/profile_writer.h"
#include "sweep_fixtures.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <QTest>
#include <functional>

using namespace pipescope;

class TestProfileSweep : public QObject {
    Q_OBJECT
private:
    std::shared_ptr<const sweep::SweepResult> m_sweep;

    io::SavedSweep saved() const {
        return testing::savedSmallSweep(m_sweep, 25, 800, QStringLiteral("current"));
    }

private slots:
    void initTestCase() { m_sweep = testing::smallSweep(); }

    void roundTrip() {
        io::Profile profile = io::makeProfile({});
        profile.sweeps.push_back(saved());
        const auto read = io::readProfile(io::writeProfile(profile));
        QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().toString()));
        QCOMPARE(read->sweeps.size(), std::size_t(1));
        const io::SavedSweep& back = read->sweeps.front();
        QCOMPARE(back.space.instances, saved().space.instances);
        QCOMPARE(back.space.batches, saved().space.batches);
        QCOMPARE(back.space.model, saved().space.model);
        QCOMPARE(back.criteria.maxP95Ms, 25.0);
        QCOMPARE(back.criteria.loadPerSecond, 800.0);
        QCOMPARE(back.priceSet, QStringLiteral("current"));
        QCOMPARE(back.result->entries.size(), m_sweep->entries.size());
        QCOMPARE(back.result->simulations, m_sweep->simulations);
        QCOMPARE(m_sweep->requestsPerPoint, testing::smallCurveOptions().requests);
        QCOMPARE(back.result->requestsPerPoint, m_sweep->requestsPerPoint);
        for (std::size_t i = 0; i < m_sweep->entries.size(); ++i) {
            const auto& a = m_sweep->entries[i];
            const auto& b = back.result->entries[i];
            QCOMPARE(b.deployment.label(), a.deployment.label());
            QCOMPARE(b.deployment.seed(), a.deployment.seed());
            QCOMPARE(b.deployment.inputs.model.ops.size(), a.deployment.inputs.model.ops.size());
            QCOMPARE(b.curve.points.size(), a.curve.points.size());
            QCOMPARE(b.curve.kneePerSecond, a.curve.kneePerSecond);
            QCOMPARE(b.curve.saturationPerSecond, a.curve.saturationPerSecond);
            QCOMPARE(b.curve.probe.hostBusy, a.curve.probe.hostBusy);
            QVERIFY(a.curve.closedLoop.clients > 0);
            QCOMPARE(b.curve.closedLoop.clients, a.curve.closedLoop.clients);
            QCOMPARE(b.curve.closedLoop.throughputPerSecond, a.curve.closedLoop.throughputPerSecond);
            QCOMPARE(b.curve.closedLoop.latencyMs.p95, a.curve.closedLoop.latencyMs.p95);
            for (std::size_t k = 0; k < a.curve.points.size(); ++k) {
                QCOMPARE(b.curve.points[k].latencyMs.p95, a.curve.points[k].latencyMs.p95);
                QCOMPARE(b.curve.points[k].overloaded, a.curve.points[k].overloaded);
            }
        }
        // The same ranking, reasons and all: nothing needs simulating again.
        const auto before = sweep::recommend(*m_sweep, saved().criteria, saved().priceSet);
        const auto after = sweep::recommend(*back.result, back.criteria, back.priceSet);
        QCOMPARE(after.cheapest, before.cheapest);
        QCOMPARE(after.fastest, before.fastest);
        for (std::size_t i = 0; i < before.deployments.size(); ++i)
            QCOMPARE(after.deployments[i].reason, before.deployments[i].reason);
    }

    // A sweep saved before the closed-loop point existed opens without one, with no warning, and
    // ranks by its open-loop points as it did then.
    void sweepsWithoutTheClosedLoopPointStillOpen() {
        io::Profile profile = io::makeProfile({});
        io::SavedSweep s = saved();
        s.criteria.loadPerSecond = 0; // maximise throughput: where the closed loop could count
        profile.sweeps.push_back(s);
        QJsonObject root = QJsonDocument::fromJson(io::writeProfile(profile)).object();
        QJsonArray sweeps = root[QStringLiteral("sweeps")].toArray();
        QJsonObject sweep = sweeps[0].toObject();
        QJsonArray deployments = sweep[QStringLiteral("deployments")].toArray();
        for (qsizetype i = 0; i < deployments.size(); ++i) {
            QJsonObject d = deployments[i].toObject();
            QJsonObject curve = d[QStringLiteral("curve")].toObject();
            QVERIFY(curve.contains(QStringLiteral("closed_loop")));
            curve.remove(QStringLiteral("closed_loop"));
            d[QStringLiteral("curve")] = curve;
            deployments[i] = d;
        }
        sweep[QStringLiteral("deployments")] = deployments;
        sweeps[0] = sweep;
        root[QStringLiteral("sweeps")] = sweeps;
        const auto read = io::readProfile(QJsonDocument(root).toJson());
        QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().toString()));
        QVERIFY2(read->warnings.isEmpty(), qPrintable(read->warnings.join(QLatin1Char('\n'))));
        const auto& back = *read->sweeps.front().result;
        for (const auto& e : back.entries)
            QCOMPARE(e.curve.closedLoop.clients, 0);
        for (const auto& a : sweep::recommend(back, read->sweeps.front().criteria).deployments)
            QVERIFY(!a.closedLoop);
    }

    // The p95's sampling error is kept with each point (the fastest's ties are read from it); a
    // point without one (too short a run, or a profile from before it was measured) reads as
    // unknown, and a negative one is refused where it is.
    void samplingErrorRoundTrips() {
        auto withErrors = std::make_shared<sweep::SweepResult>(*m_sweep);
        for (auto& e : withErrors->entries)
            for (std::size_t k = 0; k < e.curve.points.size(); ++k)
                e.curve.points[k].latencyMs.p95StandardErrorMs = 0.01 * static_cast<double>(k + 1);
        io::Profile profile = io::makeProfile({});
        profile.sweeps.push_back(testing::savedSmallSweep(withErrors, 25, 800));
        const QByteArray bytes = io::writeProfile(profile);
        const auto read = io::readProfile(bytes);
        QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().toString()));
        QVERIFY(read->warnings.isEmpty());
        const auto& back = *read->sweeps.front().result;
        for (std::size_t i = 0; i < back.entries.size(); ++i)
            for (std::size_t k = 0; k < back.entries[i].curve.points.size(); ++k)
                QCOMPARE(back.entries[i].curve.points[k].latencyMs.p95StandardErrorMs,
                         withErrors->entries[i].curve.points[k].latencyMs.p95StandardErrorMs);
        // The small sweep's 200 requests per point are too few: nothing is written for them.
        io::Profile plain = io::makeProfile({});
        plain.sweeps.push_back(saved());
        QVERIFY(!io::writeProfile(plain).contains("p95_standard_error"));
        QByteArray spoiled = bytes;
        const QRegularExpression first(QStringLiteral("\"p95_standard_error\": *0.01"));
        spoiled =
            QString::fromUtf8(spoiled).replace(first, QStringLiteral("\"p95_standard_error\": -1")).toUtf8();
        QVERIFY(spoiled != bytes);
        const auto bad = io::readProfile(spoiled);
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().toString().contains(QStringLiteral("latency_ms.p95_standard_error")),
                 qPrintable(bad.error().toString()));
    }

    void profilesWithoutSweepsStayAsTheyWere() {
        const QByteArray bytes = io::writeProfile(io::makeProfile({}));
        QVERIFY(!QJsonDocument::fromJson(bytes).object().contains(QStringLiteral("sweeps")));
        const auto read = io::readProfile(bytes);
        QVERIFY(read.ok());
        QVERIFY(read->sweeps.empty());
        QVERIFY(read->warnings.isEmpty());
    }

    void badSweepNamesItsPath_data() {
        QTest::addColumn<QString>("pointer"); // the field to spoil, as "key/key/index/key"
        QTest::addColumn<QString>("where");
        QTest::newRow("space") << QStringLiteral("space") << QStringLiteral("sweeps[0].space");
        QTest::newRow("batch") << QStringLiteral("space/batches/0")
                               << QStringLiteral("sweeps[0].space.batches[0]");
        QTest::newRow("point") << QStringLiteral("deployments/0/curve/points/1/offered_per_s")
                               << QStringLiteral("sweeps[0].deployments[0].curve.points[1].offered_per_s");
        QTest::newRow("closed loop") << QStringLiteral("deployments/0/curve/closed_loop/clients")
                                     << QStringLiteral("sweeps[0].deployments[0].curve.closed_loop.clients");
        QTest::newRow("instance index") << QStringLiteral("deployments/1/instance")
                                        << QStringLiteral("sweeps[0].deployments[1].instance");
    }

    void badSweepNamesItsPath() {
        QFETCH(QString, pointer);
        QFETCH(QString, where);
        io::Profile profile = io::makeProfile({});
        profile.sweeps.push_back(saved());
        QJsonObject root = QJsonDocument::fromJson(io::writeProfile(profile)).object();
        QJsonArray sweeps = root[QStringLiteral("sweeps")].toArray();
        // Replace the value at `pointer` inside sweeps[0] with a string, rebuilding on the way out.
        const QStringList keys = pointer.split(QLatin1Char('/'));
        std::function<QJsonValue(QJsonValue, int)> spoil = [&](QJsonValue v, int depth) -> QJsonValue {
            if (depth == keys.size())
                return QStringLiteral("spoiled");
            bool isIndex = false;
            const int index = keys[depth].toInt(&isIndex);
            if (isIndex) {
                QJsonArray a = v.toArray();
                a[index] = spoil(a[index], depth + 1);
                return a;
            }
            QJsonObject o = v.toObject();
            o[keys[depth]] = spoil(o[keys[depth]], depth + 1);
            return o;
        };
        sweeps[0] = spoil(sweeps[0], 0);
        root[QStringLiteral("sweeps")] = sweeps;
        const auto read = io::readProfile(QJsonDocument(root).toJson());
        QVERIFY(!read.ok());
        QVERIFY2(read.error().toString().contains(where), qPrintable(read.error().toString()));
    }
};

QTEST_GUILESS_MAIN(TestProfileSweep)
#include "tst_profile_sweep.moc"
