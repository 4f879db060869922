// NEURONCORE_GROUP_SIZES parsing: what users type, good and bad.
#include "compile/group_sizes.h"

#include <QTest>

using pipescope::compile::formatGroupSizes;
using pipescope::compile::parseGroupSizes;
using pipescope::compile::shortGroupSizes;

class TestGroupSizes : public QObject {
    Q_OBJECT
private slots:
    void parse_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QList<int>>("expected");
        QTest::addColumn<QString>("error"); // substring of the message when parsing fails

        QTest::newRow("data parallel") << "1,1,1,1" << QList<int>{1, 1, 1, 1} << QString();
        QTest::newRow("one pipeline") << "16" << QList<int>{16} << QString();
        QTest::newRow("four pipelines") << "4,4,4,4" << QList<int>{4, 4, 4, 4} << QString();
        QTest::newRow("spaces") << " 4, 4 ,4,4 " << QList<int>{4, 4, 4, 4} << QString();
        QTest::newRow("mixed") << "2,1,1" << QList<int>{2, 1, 1} << QString();
        QTest::newRow("empty") << "" << QList<int>{} << "is empty";
        QTest::newRow("blank") << "   " << QList<int>{} << "is empty";
        QTest::newRow("trailing comma") << "1,1," << QList<int>{} << "entry 3 is empty";
        QTest::newRow("double comma") << "1,,1" << QList<int>{} << "entry 2 is empty";
        QTest::newRow("zero") << "1,0" << QList<int>{} << "entry 2 is 0";
        QTest::newRow("negative") << "-4" << QList<int>{} << "entry 1 is -4";
        QTest::newRow("word") << "four" << QList<int>{} << "'four' is not a whole number";
        QTest::newRow("decimal") << "1.5" << QList<int>{} << "'1.5' is not a whole number";
        QTest::newRow("semicolons") << "1;1" << QList<int>{} << "not a whole number";
        QTest::newRow("absurd") << "1000000000000" << QList<int>{} << "no instance has that many";
    }
    void parse() {
        QFETCH(QString, text);
        QFETCH(QList<int>, expected);
        QFETCH(QString, error);
        const auto result = parseGroupSizes(text);
        if (error.isEmpty()) {
            QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().toString()));
            QCOMPARE(QList<int>(result->begin(), result->end()), expected);
        } else {
            QVERIFY(!result.ok());
            QVERIFY2(result.error().message.contains(error), qPrintable(result.error().message));
            QCOMPARE(result.error().where, QStringLiteral("NEURONCORE_GROUP_SIZES"));
        }
    }
    void roundTrip() {
        QCOMPARE(formatGroupSizes({4, 4, 4, 4}), QStringLiteral("4,4,4,4"));
        QCOMPARE(formatGroupSizes(parseGroupSizes(QStringLiteral(" 1, 2")).value()), QStringLiteral("1,2"));
    }
    // Seen at 64 cores: "1,1,1,...,1" (127 characters) widened the runs table's Groups column past
    // the window and took a whole chart for its axis label.
    void shortForm_data() {
        QTest::addColumn<QString>("groups");
        QTest::addColumn<QString>("shown");
        QTest::newRow("the study's data parallel") << "1,1,1,1"
                                                   << "1,1,1,1";
        QTest::newRow("fifteen characters") << "16,16,16,16"
                                            << "16,16,16,16";
        QTest::newRow("one pipeline") << "64"
                                      << "64";
        QTest::newRow("64 copies") << QString(QStringLiteral("1,").repeated(63) + QStringLiteral("1"))
                                   << QStringLiteral("64\u00D71");
        QTest::newRow("16 copies") << "1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1" << QStringLiteral("16\u00D71");
        QTest::newRow("mixed") << "4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,2,2" << QStringLiteral("15\u00D74,2,2");
        QTest::newRow("runs of two stay") << "3,3,2,2,1,1,5,5,6"
                                          << "3,3,2,2,1,1,5,5,6";
        QTest::newRow("two runs") << "2,2,2,2,2,2,2,2,1,1,1,1" << QStringLiteral("8\u00D72,4\u00D71");
    }
    void shortForm() {
        QFETCH(QString, groups);
        QFETCH(QString, shown);
        QCOMPARE(shortGroupSizes(parseGroupSizes(groups).value()), shown);
    }
};

QTEST_GUILESS_MAIN(TestGroupSizes)
#include "tst_group_sizes.moc"
