// SPDX-License-Identifier: MIT
// The --input syntax: what parses, and that every malformed string is refused with a
// message that quotes it.
#include "prunescope/error.h"
#include "prunescope/input_spec.h"

#include <QtTest>

using namespace prunescope;

class TestInputSpec : public QObject {
    Q_OBJECT
private slots:
    void parsesShapesDtypesAndSeveralInputs()
    {
        const auto one = parseInputSpecs("1,3,224,224");
        QCOMPARE(one.size(), size_t(1));
        QCOMPARE(one[0].shape, (std::vector<int64_t> { 1, 3, 224, 224 }));
        QCOMPARE(one[0].dtype, std::string("float32"));

        const auto two = parseInputSpecs(" 1,3,16,16 ; int64:1, 128 ");
        QCOMPARE(two.size(), size_t(2));
        QCOMPARE(two[1].shape, (std::vector<int64_t> { 1, 128 }));
        QCOMPARE(two[1].dtype, std::string("int64"));
        QCOMPARE(two[1].toString(), std::string("int64:1,128"));
        QCOMPARE(parseInputSpecs("long:4")[0].dtype, std::string("int64"));
        QCOMPARE(parseInputSpecs("7")[0].shape, std::vector<int64_t> { 7 });
    }

    void parsesListsOfTensors()
    {
        // Detection models take List[Tensor]: one 3x320x320 image, then two images.
        const auto one = parseInputSpecs("[3,320,320]");
        QCOMPARE(one.size(), size_t(1));
        QVERIFY(one[0].is_list);
        QCOMPARE(one[0].elements.size(), size_t(1));
        QCOMPARE(one[0].elements[0].shape, (std::vector<int64_t> { 3, 320, 320 }));
        QCOMPARE(one[0].toString(), std::string("[3,320,320]"));

        const auto two = parseInputSpecs(" [ 3,320,320 | 3, 240,320 ] ; int64:1,4");
        QCOMPARE(two.size(), size_t(2));
        QCOMPARE(two[0].elements.size(), size_t(2));
        QCOMPARE(two[0].elements[1].shape, (std::vector<int64_t> { 3, 240, 320 }));
        QVERIFY(!two[1].is_list);
        QCOMPARE(inputSpecsText(two), std::string("[3,320,320|3,240,320];int64:1,4"));
        QCOMPARE(parseInputSpecs(inputSpecsText(two)), two);
        QCOMPARE(parseInputSpecs("[int64:2,3]")[0].elements[0].dtype, std::string("int64"));
        // Both images' bytes: 3*320*320*4 + 3*240*320*4.
        QCOMPARE(inputBytes(two[0]), uint64_t(1228800 + 921600));
        QVERIFY(parseInputSpecs("[3,8,8]") != parseInputSpecs("3,8,8"));
    }

    void rejectsMalformedText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("why");
        QTest::newRow("empty") << ""
                               << "empty";
        QTest::newRow("double comma") << "1,,3"
                                      << "missing";
        QTest::newRow("negative") << "-1,3"
                                  << "not a positive whole number";
        QTest::newRow("zero") << "1,0,3"
                              << "at least 1";
        QTest::newRow("word") << "1,three"
                              << "\"three\"";
        QTest::newRow("trailing comma") << "1,3,"
                                        << "missing";
        QTest::newRow("empty input") << "1,3;;1,3"
                                     << "input is empty";
        QTest::newRow("dtype") << "complex:1,3"
                               << "unknown dtype";
        QTest::newRow("huge") << "1,99999999999999999999"
                              << "too large";
        QTest::newRow("float") << "1,3.5"
                               << "not a positive whole number";
        QTest::newRow("unclosed list") << "[3,8,8"
                                       << "must start with '[' and end with ']'";
        QTest::newRow("unopened list") << "3,8,8]"
                                       << "must start with '[' and end with ']'";
        QTest::newRow("empty list") << "[]"
                                    << "at least one tensor";
        QTest::newRow("nested list") << "[[3,8,8]]"
                                     << "cannot be nested";
        QTest::newRow("empty list item") << "[3,8,8|]"
                                         << "tensor of the list is empty";
        QTest::newRow("bar outside a list") << "3,8,8|3,8,8"
                                            << "belong to a list";
        QTest::newRow("dtype before a list") << "int64:[3,8]"
                                             << "must start with '['";
        QTest::newRow("bad size in a list") << "[3,x,8]"
                                            << "\"x\" is not a positive whole number";
    }

    void rejectsMalformedText()
    {
        QFETCH(QString, text);
        QFETCH(QString, why);
        try {
            parseInputSpecs(text.toStdString());
            QFAIL("accepted");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::Usage);
            const QString message = QString::fromStdString(e.what());
            QVERIFY2(message.contains(why), qPrintable(message));
            QVERIFY2(message.contains("e.g. 1,3,224,224"), qPrintable(message));
        }
    }

    void inputBytesSaturates()
    {
        QCOMPARE(inputBytes(InputSpec { { 1, 3, 224, 224 }, "float32", false, {} }), uint64_t(602112));
        QCOMPARE(inputBytes(InputSpec { { 2, 4 }, "int64", false, {} }), uint64_t(64));
        QCOMPARE(inputBytes(InputSpec { { 1000000000, 1000000000, 1000000000 }, "float32", false, {} }),
            std::numeric_limits<uint64_t>::max());
    }
};

QTEST_GUILESS_MAIN(TestInputSpec)
#include "tst_input_spec.moc"
