// The Calibrate dialog: importing (skipped rows with their lines, mapped CSVs), a fit on a worker
// thread with progress and cancel, and saving the result as a device profile the deployment panel
// then offers. Small fits (300 requests, 3 rows) keep it fast.
#include "calibrate/calibrate_dialog.h"
#include "calibrate/column_mapping_editor.h"
#include "calibrate/fit_results_view.h"
#include "calibrate/residual_chart.h"
#include "deployment_panel.h"
#include "hardware/device_profile.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDate>
#include <QDir>
#include <QFile>
#include <QGroupBox>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace pipescope;
using widgets::CalibrateDialog;

namespace {

QString dataFile(const char* name) {
    return QStringLiteral(PIPESCOPE_TEST_DATA "/measurements/") + QLatin1String(name);
}

// A dialog with the mapped load test open and the identifiable parameters found.
void openMapped(CalibrateDialog& dialog) {
    dialog.requestsBox()->setValue(300);
    QVERIFY(dialog.openFile(dataFile("loadtest_mapped.csv")));
    QTRY_VERIFY_WITH_TIMEOUT(dialog.fitButton()->isEnabled(), 60000);
}

} // namespace

class CalibrateDialogTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void listsSkippedRowsWithTheirLines();
    void mapsAnUnknownCsv();
    void refusesAFileItCannotRead();
    void waitCursorWhileImporting();
    void fitReportsProgressAndEscCancels();
    void savedProfileIsOfferedByThePanel();

private:
    QTemporaryDir m_dir;
};

void CalibrateDialogTest::initTestCase() {
    QVERIFY(m_dir.isValid());
    // Never the user's real config folder.
    qputenv("PIPESCOPE_DEVICE_PROFILES", m_dir.filePath(QStringLiteral("device-profiles.json")).toUtf8());
}

void CalibrateDialogTest::listsSkippedRowsWithTheirLines() {
    CalibrateDialog dialog(hardware::Catalog::builtIn());
    dialog.defaultInstanceBox()->setCurrentIndex(
        dialog.defaultInstanceBox()->findData(QStringLiteral("inf1.xlarge")));
    QVERIFY(dialog.openFile(dataFile("neuronperf_report.csv")));
    QVERIFY2(dialog.formatLabel()->text().contains("NeuronPerf CSV"),
             qPrintable(dialog.formatLabel()->text()));
    QVERIFY(dialog.mappingGroup()->isHidden());
    QVERIFY(dialog.importedTable()->rowCount() >= 3);
    QCOMPARE(dialog.importedTable()->rowCount(), int(dialog.measurements()->rows.size()));
    // The last row of the report is a failed benchmark (status "error") on line 7.
    QVERIFY(dialog.skippedTable()->rowCount() >= 1);
    bool found = false;
    for (int r = 0; r < dialog.skippedTable()->rowCount(); ++r)
        if (dialog.skippedTable()->item(r, 0)->text() == "7")
            found = dialog.skippedTable()->item(r, 1)->text().startsWith("line 7: ");
    QVERIFY2(found, "line 7 is listed as skipped with its reason");
}

void CalibrateDialogTest::mapsAnUnknownCsv() {
    CalibrateDialog dialog(hardware::Catalog::builtIn());
    QVERIFY(dialog.openFile(dataFile("loadtest_mapped.csv")));
    QVERIFY(dialog.formatLabel()->text().contains("Unknown CSV"));
    QVERIFY(!dialog.mappingGroup()->isHidden());
    // The column names were guessed well enough to import every row.
    QCOMPARE(dialog.mappingEditor()->fieldBox("clients")->currentText(), "Concurrency");
    QCOMPARE(dialog.mappingEditor()->fieldBox("latency_p95_ms")->currentText(), "p95 (ms)");
    QCOMPARE(dialog.importedTable()->rowCount(), 3);
    // Unmapping the throughput makes the import fail with the engine's message, and back.
    QComboBox* throughput = dialog.mappingEditor()->fieldBox("throughput_per_s");
    const int mapped = throughput->currentIndex();
    throughput->setCurrentIndex(0);
    QVERIFY(!dialog.measurements());
    QVERIFY(!dialog.messageLabel()->text().isEmpty());
    QCOMPARE(dialog.importedTable()->rowCount(), 0);
    throughput->setCurrentIndex(mapped);
    QCOMPARE(dialog.importedTable()->rowCount(), 3);
}

void CalibrateDialogTest::refusesAFileItCannotRead() {
    CalibrateDialog dialog(hardware::Catalog::builtIn());
    QVERIFY(!dialog.openFile(m_dir.filePath(QStringLiteral("missing.csv"))));
    QVERIFY(dialog.messageLabel()->text().contains("missing.csv"));
    QVERIFY(!dialog.fitButton()->isEnabled());
}

// Importing runs on the GUI thread (up to a second or two for the largest files): the wait
// cursor shows while the rows are filled in, and is gone afterwards, on success and on refusal.
void CalibrateDialogTest::waitCursorWhileImporting() {
    CalibrateDialog dialog(hardware::Catalog::builtIn());
    QList<Qt::CursorShape> seen;
    connect(dialog.importedTable()->model(), &QAbstractItemModel::rowsInserted, this, [&seen] {
        const QCursor* cursor = QGuiApplication::overrideCursor();
        seen << (cursor ? cursor->shape() : Qt::ArrowCursor);
    });
    QVERIFY(dialog.openFile(dataFile("loadtest_mapped.csv")));
    QVERIFY(!seen.isEmpty());
    for (const Qt::CursorShape shape : seen)
        QCOMPARE(shape, Qt::WaitCursor);
    QVERIFY(!QGuiApplication::overrideCursor());
    QVERIFY(!dialog.openFile(m_dir.filePath(QStringLiteral("missing.csv"))));
    QVERIFY(!QGuiApplication::overrideCursor());
}

void CalibrateDialogTest::fitReportsProgressAndEscCancels() {
    CalibrateDialog dialog(hardware::Catalog::builtIn());
    dialog.show();
    openMapped(dialog);
    QVERIFY(dialog.parameterList()->count() > 0);
    dialog.leaveOneOutBox()->setChecked(true);
    dialog.startFit();
    QVERIFY(dialog.isFitting());
    QVERIFY(dialog.cancelButton()->isEnabled());
    // Progress arrives from the worker while the GUI thread stays free to process it.
    QTRY_VERIFY_WITH_TIMEOUT(dialog.progressBar()->value() > 0, 60000);
    QVERIFY(!dialog.stageLabel()->text().isEmpty());
    QTest::keyClick(&dialog, Qt::Key_Escape); // cancels the fit, does not close the dialog
    QVERIFY(dialog.isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isFitting(), 60000);
    QVERIFY2(dialog.stageLabel()->text().contains("cancelled"), qPrintable(dialog.stageLabel()->text()));
    QVERIFY(!dialog.report());
    QVERIFY(!dialog.saveButton()->isEnabled());
    QVERIFY(dialog.fitButton()->isEnabled());
}

void CalibrateDialogTest::savedProfileIsOfferedByThePanel() {
    CalibrateDialog dialog(hardware::Catalog::builtIn());
    dialog.resize(1280, 820);
    openMapped(dialog);
    QSignalSpy fitted(&dialog, &CalibrateDialog::measurementsFitted);
    dialog.startFit();
    QTRY_VERIFY_WITH_TIMEOUT(dialog.report().has_value(), 120000);
    QCOMPARE(fitted.count(), 1);
    QCOMPARE(dialog.resultsView()->rowTable()->rowCount(), 3);
    QVERIFY(dialog.resultsView()->parameterTable()->rowCount() > 0);
    QCOMPARE(dialog.residualChart()->pointCount("after fit"), 3);
    QCOMPARE(dialog.residualChart()->pointCount("held out"), 3);
    const QString name = dialog.profileNameEdit()->text();
    QCOMPARE(name, "inferentia1 - loadtest_mapped " + QDate::currentDate().toString("yyyy-MM"));
    if (const QByteArray dir = qgetenv("PIPESCOPE_SCREENSHOT_DIR"); !dir.isEmpty())
        QVERIFY(dialog.grab().save(QDir(QString::fromUtf8(dir)).filePath("calibrate_dialog.png")));

    QSignalSpy saved(&dialog, &CalibrateDialog::profileSaved);
    QVERIFY(dialog.saveProfile());
    QCOMPARE(saved.count(), 1);
    QVERIFY(QFile::exists(m_dir.filePath(QStringLiteral("device-profiles.json"))));
    Result<hardware::DeviceProfileStore> store = hardware::DeviceProfileStore::load();
    QVERIFY(store);
    QVERIFY(store->find(name));

    // As the window does after profileSaved: the panel offers the profile for an Inf1 instance.
    widgets::DeploymentPanel panel(hardware::Catalog::builtIn());
    panel.setDeviceProfiles(store->profiles());
    panel.instanceBox()->setCurrentText(QStringLiteral("inf1.xlarge"));
    QComboBox* device = panel.deviceProfileBox();
    QCOMPARE(device->itemData(0).toString(), QString());
    const int index = device->findData(name);
    QVERIFY(index > 0);
    device->setCurrentIndex(index);
    QCOMPARE(panel.scenario().deviceProfile, name);
    QVERIFY2(panel.isValid(), qPrintable(panel.validationMessage()));
    QCOMPARE(panel.inputs()->instance.deviceProfile, name);
    if (const QByteArray dir = qgetenv("PIPESCOPE_SCREENSHOT_DIR"); !dir.isEmpty()) {
        panel.resize(420, 900);
        QVERIFY(panel.grab().save(QDir(QString::fromUtf8(dir)).filePath("deployment_panel_profile.png")));
    }
    // Saved with the panel's state and restored.
    const QVariantMap state = panel.saveState();
    device->setCurrentIndex(0);
    panel.restoreState(state);
    QCOMPARE(panel.scenario().deviceProfile, name);
    // "Edit as new run" brings back the profile that produced the run.
    const sim::RunInputs runInputs = *panel.inputs();
    device->setCurrentIndex(0);
    panel.setRunInputs(runInputs);
    QCOMPARE(panel.scenario().deviceProfile, name);
    // A GPU instance has no Inferentia profile to offer.
    panel.instanceBox()->setCurrentText(QStringLiteral("g4dn.xlarge"));
    QCOMPARE(device->findData(name), -1);
    QCOMPARE(panel.scenario().deviceProfile, QString());
}

QTEST_MAIN(CalibrateDialogTest)
#include "tst_widget_calibrate_dialog.moc"
