// The deployment panel: one-click groupings, engine validation, GPU fields, saved state.
#include "deployment_panel.h"
#include "model/pipeline_rule.h"
#include "model/presets.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>
#include <QToolButton>
#include <QWheelEvent>

using namespace pipescope;
using widgets::DeploymentPanel;

class DeploymentPanelTest : public QObject {
    Q_OBJECT
private slots:
    void oneClickChoices_data();
    void oneClickChoices();
    void invalidGroupsDisableRun_data();
    void invalidGroupsDisableRun();
    void gpuDisablesNeuronFields();
    void stateRoundTrip();
    void ruleOfThumbSuggestion();
    void openedModelFileIsLoadedByTheEngine();
    void wheelChangesOnlyAFocusedField();
    void runButtonStaysInView();
    void clientsThatFillTheDeployment_data();
    void clientsThatFillTheDeployment();
    void runInputsLoadIntoTheFields();
    void workersRoundTrip();
    void workersValidatedByTheEngine_data();
    void workersValidatedByTheEngine();
};

void DeploymentPanelTest::oneClickChoices_data() {
    QTest::addColumn<QString>("instance");
    QTest::addColumn<int>("choice");
    QTest::addColumn<QString>("groups");
    QTest::addColumn<int>("pipelineCores");
    QTest::newRow("xlarge data parallel") << "inf1.xlarge" << 0 << "1,1,1,1" << 1;
    QTest::newRow("xlarge one pipeline") << "inf1.xlarge" << 1 << "4" << 4;
    QTest::newRow("6xlarge one pipeline") << "inf1.6xlarge" << 1 << "16" << 16;
    QTest::newRow("6xlarge per chip") << "inf1.6xlarge" << 2 << "4,4,4,4" << 4;
}

void DeploymentPanelTest::oneClickChoices() {
    QFETCH(QString, instance);
    QFETCH(int, choice);
    QFETCH(QString, groups);
    QFETCH(int, pipelineCores);
    DeploymentPanel panel(hardware::Catalog::builtIn());
    panel.instanceBox()->setCurrentText(instance);
    if (choice == 0)
        panel.chooseDataParallel();
    else if (choice == 1)
        panel.choosePipelineOverAll();
    else
        panel.choosePipelinePerChip();
    QCOMPARE(panel.groupsEdit()->text(), groups);
    QCOMPARE(panel.pipelineCoresBox()->value(), pipelineCores);
    QVERIFY2(panel.isValid(), qPrintable(panel.validationMessage()));
    QVERIFY(panel.runButton()->isEnabled());
    QCOMPARE(panel.inputs()->config.pipelineCores, pipelineCores);
}

void DeploymentPanelTest::invalidGroupsDisableRun_data() {
    QTest::addColumn<QString>("groups");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("not a number") << "1,x,1"
                                  << "NEURONCORE_GROUP_SIZES";
    QTest::newRow("too many cores") << "1,1,1,1,1"
                                    << "NEURONCORE_GROUP_SIZES";
    QTest::newRow("empty") << ""
                           << "NEURONCORE_GROUP_SIZES";
}

void DeploymentPanelTest::invalidGroupsDisableRun() {
    QFETCH(QString, groups);
    QFETCH(QString, mentions);
    DeploymentPanel panel(hardware::Catalog::builtIn());
    panel.show();
    panel.instanceBox()->setCurrentText(QStringLiteral("inf1.xlarge"));
    panel.chooseDataParallel();
    QVERIFY(panel.isValid());
    QSignalSpy validity(&panel, &DeploymentPanel::validityChanged);
    panel.groupsEdit()->setText(groups);
    QVERIFY(!panel.isValid());
    QCOMPARE(validity.count(), 1);
    QCOMPARE(validity.at(0).at(0).toBool(), false);
    QVERIFY(!panel.runButton()->isEnabled());
    QVERIFY(panel.messageLabel()->isVisible());
    QVERIFY2(panel.messageLabel()->text().contains(mentions), qPrintable(panel.messageLabel()->text()));
    // Fixing it clears the message and enables Run again.
    panel.groupsEdit()->setText(QStringLiteral("1,1"));
    QVERIFY2(panel.isValid(), qPrintable(panel.validationMessage()));
    QVERIFY(panel.runButton()->isEnabled());
    QVERIFY(!panel.messageLabel()->isVisible());
}

void DeploymentPanelTest::gpuDisablesNeuronFields() {
    DeploymentPanel panel(hardware::Catalog::builtIn());
    panel.instanceBox()->setCurrentText(QStringLiteral("g4dn.xlarge"));
    QVERIFY(!panel.groupsEdit()->isEnabled());
    QVERIFY(!panel.pipelineCoresBox()->isEnabled());
    QVERIFY2(panel.isValid(), qPrintable(panel.validationMessage()));
    QVERIFY(panel.inputs()->instance.isGpu());
    QVERIFY(panel.inputs()->config.groupSizes.empty());
    panel.instanceBox()->setCurrentText(QStringLiteral("inf1.xlarge"));
    QVERIFY(panel.groupsEdit()->isEnabled());
}

void DeploymentPanelTest::stateRoundTrip() {
    DeploymentPanel first(hardware::Catalog::builtIn());
    first.instanceBox()->setCurrentText(QStringLiteral("inf1.6xlarge"));
    first.choosePipelinePerChip();
    first.modelBox()->setCurrentText(QStringLiteral("bert-large-uncased"));
    const QVariantMap state = first.saveState();
    DeploymentPanel second(hardware::Catalog::builtIn());
    second.restoreState(state);
    QCOMPARE(second.saveState(), state);
    QCOMPARE(second.scenario().groupSizes, QStringLiteral("4,4,4,4"));
    QCOMPARE(second.scenario().model, QStringLiteral("bert-large-uncased"));
    // Unknown or broken values do not crash and leave a sensible panel.
    second.restoreState(
        {{QStringLiteral("instance"), QStringLiteral("no-such")}, {QStringLiteral("batch"), -3}});
    QCOMPARE(second.scenario().instance, QStringLiteral("inf1.6xlarge"));
}

void DeploymentPanelTest::ruleOfThumbSuggestion() {
    DeploymentPanel panel(hardware::Catalog::builtIn());
    panel.instanceBox()->setCurrentText(QStringLiteral("inf1.24xlarge"));
    panel.modelBox()->setCurrentText(QStringLiteral("bert-small"));
    const auto graph = model::buildPreset(QStringLiteral("bert-small"), 128, 2);
    QVERIFY(graph.ok());
    const int expected = model::suggestedPipelineCores(graph->parameters());
    QCOMPARE(panel.suggestedPipelineCores(), expected);
    // Still shown while the deployment is invalid.
    panel.groupsEdit()->setText(QStringLiteral("x"));
    QCOMPARE(panel.suggestedPipelineCores(), expected);
    if (expected > 0) {
        QVERIFY(panel.suggestionLabel()->text().contains(QString::number(expected)));
        panel.useSuggestedPipelineCores();
        QCOMPARE(panel.pipelineCoresBox()->value(), expected);
        QVERIFY2(panel.isValid(), qPrintable(panel.validationMessage()));
        QCOMPARE(panel.inputs()->config.groupSizes.front(), expected);
    }
    panel.modelBox()->setCurrentText(QStringLiteral("bert-base-uncased"));
    QCOMPARE(panel.suggestedPipelineCores(), 20); // 109.5M weights: 4 * round(5.47)
    // An instance with fewer cores than the rule suggests says so, and Use is off.
    QVERIFY(!panel.suggestionLabel()->toolTip().contains(QLatin1String("does not fit")));
    QVERIFY(panel.useSuggestionButton()->isEnabled());
    panel.instanceBox()->setCurrentText(QStringLiteral("inf1.xlarge"));
    QVERIFY2(panel.suggestionLabel()->toolTip().contains(QLatin1String("inf1.xlarge has 4 NeuronCores")),
             qPrintable(panel.suggestionLabel()->toolTip()));
    QVERIFY(!panel.useSuggestionButton()->isEnabled());
}

void DeploymentPanelTest::openedModelFileIsLoadedByTheEngine() {
    DeploymentPanel panel(hardware::Catalog::builtIn());
    QVERIFY(panel.isValid());
    const QString missing = QStringLiteral("/nonexistent/model.onnx");
    panel.addModelFile(missing);
    QCOMPARE(panel.scenario().model, missing);
    QCOMPARE(panel.modelBox()->currentText(), QStringLiteral("model.onnx"));
    // The engine's loader cannot read it: Run is disabled and its message names the file.
    QVERIFY(!panel.isValid());
    QVERIFY2(panel.validationMessage().contains(QLatin1String("model.onnx")),
             qPrintable(panel.validationMessage()));
    // Saved state brings the opened file back.
    DeploymentPanel again(hardware::Catalog::builtIn());
    again.restoreState(panel.saveState());
    QCOMPARE(again.scenario().model, missing);
    // Back to a preset.
    panel.modelBox()->setCurrentText(QStringLiteral("bert-base-uncased"));
    QVERIFY2(panel.isValid(), qPrintable(panel.validationMessage()));
}

// Scrolling the panel with the wheel must not change the value of a field under the pointer.
void DeploymentPanelTest::wheelChangesOnlyAFocusedField() {
    DeploymentPanel panel(hardware::Catalog::builtIn());
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QSpinBox* batch = panel.findChildren<QSpinBox*>().at(1); // sequence length, batch, ...
    QComboBox* instance = panel.instanceBox();
    const auto wheel = [](QWidget* target) {
        const QPointF at(target->width() / 2.0, target->height() / 2.0);
        QWheelEvent event(at, target->mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                          Qt::NoScrollPhase, false);
        QCoreApplication::sendEvent(target, &event);
    };
    const int before = batch->value();
    const int instanceBefore = instance->currentIndex();
    panel.groupsEdit()->setFocus();
    wheel(batch);
    wheel(instance);
    QCOMPARE(batch->value(), before);
    QCOMPARE(instance->currentIndex(), instanceBefore);
    // Once the user clicked or tabbed into it, the wheel edits it as usual.
    batch->setFocus();
    QTRY_VERIFY(batch->hasFocus());
    wheel(batch);
    QCOMPARE(batch->value(), before + 1);
}

// A long validation message in a short dock must not push Run out of view.
void DeploymentPanelTest::runButtonStaysInView() {
    DeploymentPanel panel(hardware::Catalog::builtIn());
    panel.resize(panel.sizeHint().width(), 320);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.groupsEdit()->setText(QStringLiteral("1,x,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1"));
    QVERIFY(!panel.isValid());
    QTRY_VERIFY(panel.messageLabel()->isVisible());
    for (QPushButton* button : {panel.runButton(), panel.cancelButton()}) {
        const QRect inPanel(button->mapTo(&panel, QPoint(0, 0)), button->size());
        QVERIFY2(panel.rect().contains(inPanel), qPrintable(QStringLiteral("%1 at %2,%3 in %4x%5")
                                                                .arg(button->text())
                                                                .arg(inPanel.x())
                                                                .arg(inPanel.y())
                                                                .arg(panel.width())
                                                                .arg(panel.height())));
        QVERIFY(!button->visibleRegion().isEmpty());
    }
}

void DeploymentPanelTest::clientsThatFillTheDeployment_data() {
    QTest::addColumn<QString>("instance");
    QTest::addColumn<QString>("groups");
    QTest::addColumn<int>("pipelineCores");
    QTest::addColumn<int>("clients");
    QTest::addColumn<int>("suggested");
    QTest::addColumn<bool>("warns");
    QTest::newRow("16 copies, 4 clients") << "inf1.6xlarge"
                                          << "1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1" << 1 << 4 << 16 << true;
    QTest::newRow("4 copies, 4 clients") << "inf1.xlarge"
                                         << "1,1,1,1" << 1 << 4 << 4 << false;
    QTest::newRow("16-stage pipeline, 4 clients") << "inf1.6xlarge"
                                                  << "16" << 16 << 4 << 16 << false;
    QTest::newRow("4 pipelines of 4, 2 clients") << "inf1.6xlarge"
                                                 << "4,4,4,4" << 4 << 2 << 16 << true;
}

void DeploymentPanelTest::clientsThatFillTheDeployment() {
    QFETCH(QString, instance);
    QFETCH(QString, groups);
    QFETCH(int, pipelineCores);
    QFETCH(int, clients);
    QFETCH(int, suggested);
    QFETCH(bool, warns);
    DeploymentPanel panel(hardware::Catalog::builtIn());
    panel.show();
    sim::Scenario s = panel.scenario();
    s.instance = instance;
    s.groupSizes = groups;
    s.pipelineCores = pipelineCores;
    s.workload.kind = sim::Workload::Kind::ClosedLoop;
    s.workload.clients = clients;
    panel.setScenario(s);
    QVERIFY2(panel.isValid(), qPrintable(panel.validationMessage()));
    QCOMPARE(panel.suggestedClients(), suggested);
    QVERIFY(panel.clientsHintLabel()->isVisible());
    QCOMPARE(panel.clientsHintLabel()->property("warning").toBool(), warns);
    if (warns)
        QVERIFY2(panel.clientsHintLabel()->text().contains(QLatin1String("idle")),
                 qPrintable(panel.clientsHintLabel()->text()));
    panel.useSuggestedClients();
    QCOMPARE(panel.clientsBox()->value(), suggested);
    QVERIFY(!panel.clientsHintLabel()->property("warning").toBool());
    // Open loop has no clients to suggest.
    s = panel.scenario();
    s.workload.kind = sim::Workload::Kind::OpenLoop;
    s.workload.ratePerSecond = 100;
    panel.setScenario(s);
    QVERIFY(!panel.clientsHintLabel()->isVisible());
}

void DeploymentPanelTest::runInputsLoadIntoTheFields() {
    DeploymentPanel source(hardware::Catalog::builtIn());
    sim::Scenario s = source.scenario();
    s.instance = QStringLiteral("inf1.2xlarge");
    s.groupSizes = QStringLiteral("2,2");
    s.pipelineCores = 2;
    s.batch = 4;
    s.workload.clients = 7;
    s.workload.requests = 1234;
    s.workload.seed = 9;
    source.setScenario(s);
    QVERIFY2(source.isValid(), qPrintable(source.validationMessage()));
    DeploymentPanel panel(hardware::Catalog::builtIn());
    panel.setRunInputs(*source.inputs());
    QCOMPARE(panel.saveState(), source.saveState());
    QVERIFY(panel.isValid());
}

void DeploymentPanelTest::workersRoundTrip() {
    DeploymentPanel first(hardware::Catalog::builtIn());
    first.instanceBox()->setCurrentText(QStringLiteral("inf1.6xlarge"));
    first.chooseDataParallel();
    // The default is the study's layout and says how many processes that is.
    QCOMPARE(first.workersBox()->value(), 0);
    QCOMPARE(first.workersBox()->text(), QStringLiteral("one per group (16)"));
    QCOMPARE(first.inputs()->config.workers, 0);
    first.workersBox()->setValue(4);
    QVERIFY2(first.isValid(), qPrintable(first.validationMessage()));
    QCOMPARE(first.scenario().workers, 4);
    QCOMPARE(first.inputs()->config.workers, 4);
    const QVariantMap state = first.saveState();
    QCOMPARE(state.value(QStringLiteral("workers")).toInt(), 4);
    DeploymentPanel second(hardware::Catalog::builtIn());
    second.restoreState(state);
    QCOMPARE(second.workersBox()->value(), 4);
    QCOMPARE(second.saveState(), state);
    // A run's scenario brings its workers back; settings saved before the field keep the default.
    DeploymentPanel third(hardware::Catalog::builtIn());
    third.setScenario(first.scenario());
    QCOMPARE(third.scenario().workers, 4);
    QVariantMap old = state;
    old.remove(QStringLiteral("workers"));
    DeploymentPanel fourth(hardware::Catalog::builtIn());
    fourth.restoreState(old);
    QCOMPARE(fourth.workersBox()->value(), 0);
}

void DeploymentPanelTest::workersValidatedByTheEngine_data() {
    QTest::addColumn<QString>("instance");
    QTest::addColumn<QString>("groups");
    QTest::addColumn<int>("workers");
    QTest::newRow("more workers than groups") << "inf1.xlarge"
                                              << "1,1" << 3;
    QTest::newRow("one pipeline, two workers") << "inf1.6xlarge"
                                               << "16" << 2;
    QTest::newRow("GPU, two workers") << "g4dn.xlarge"
                                      << "" << 2;
}

void DeploymentPanelTest::workersValidatedByTheEngine() {
    QFETCH(QString, instance);
    QFETCH(QString, groups);
    QFETCH(int, workers);
    DeploymentPanel panel(hardware::Catalog::builtIn());
    panel.show();
    panel.instanceBox()->setCurrentText(instance);
    if (!groups.isEmpty()) {
        panel.groupsEdit()->setText(groups);
        panel.pipelineCoresBox()->setValue(groups.split(QLatin1Char(',')).front().toInt());
    }
    QVERIFY2(panel.isValid(), qPrintable(panel.validationMessage()));
    panel.workersBox()->setValue(workers);
    QVERIFY(!panel.isValid());
    QVERIFY(!panel.runButton()->isEnabled());
    QVERIFY(panel.messageLabel()->isVisible());
    QVERIFY2(panel.messageLabel()->text().startsWith(QStringLiteral("workers: ")),
             qPrintable(panel.messageLabel()->text()));
    QVERIFY(panel.workersBox()->property("invalid").toBool());
    panel.workersBox()->setValue(0);
    QVERIFY2(panel.isValid(), qPrintable(panel.validationMessage()));
    QVERIFY(!panel.workersBox()->property("invalid").toBool());
}

QTEST_MAIN(DeploymentPanelTest)
#include "tst_widget_deployment_panel.moc"
