// SPDX-License-Identifier: MIT
// Every bad input gets a one-paragraph error that names the file and says what to do,
// never a crash or a raw C++ trace. Files that are bad in ways torch.save cannot
// produce (empty, random, truncated) are made here; the rest come from the fixtures.
#include "fixtures.h"
#include "prunescope/error.h"
#include "prunescope/model.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace prunescope;
using namespace prunescope::test;

namespace {

Error loadError(const std::string& path, const std::string& input = "")
{
    LoadOptions options;
    if (!input.empty())
        options.inputs = parseInputSpecs(input);
    try {
        Model::load(path, options);
    } catch (const Error& e) {
        return e;
    }
    return Error(ErrorKind::Internal, "<loaded without error>");
}

QByteArray readAll(const std::string& path)
{
    QFile file(QString::fromStdString(path));
    file.open(QIODevice::ReadOnly);
    return file.readAll();
}

} // namespace

class TestModelErrors : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    std::string write(const char* name, const QByteArray& bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        file.open(QIODevice::WriteOnly);
        file.write(bytes);
        return path.toStdString();
    }

private slots:
    void unreadableFilesNameTheFileAndTheFix_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("mentions");
        QTest::newRow("missing") << "missing.pt" << QStringList { "no such file" };
        QTest::newRow("directory") << "dir" << QStringList { "is a directory" };
        QTest::newRow("empty") << "empty.pt" << QStringList { "is empty" };
        QTest::newRow("random bytes") << "random.pt" << QStringList { "not a TorchScript archive", "torch.jit.trace" };
        QTest::newRow("legacy pickle") << "legacy.pt" << QStringList { "legacy", "torch.jit.trace" };
        QTest::newRow("truncated zip, first 100 bytes") << "trunc100.pt" << QStringList { "truncated" };
        QTest::newRow("truncated zip, first half") << "trunc_half.pt" << QStringList { "truncated" };
        QTest::newRow("state_dict") << "state_dict"
                                    << QStringList { "state_dict", "torch.jit.trace", "not TorchScript" };
        QTest::newRow("pickled module") << "pickled" << QStringList { "pickled nn.Module", "torch.jit.script" };
    }

    void unreadableFilesNameTheFileAndTheFix()
    {
        QFETCH(QString, file);
        QFETCH(QStringList, mentions);
        QVERIFY(m_dir.isValid());
        const QByteArray good = readAll(fixture("seed_two_conv_traced.pt"));
        std::string path;
        if (file == "missing.pt")
            path = m_dir.filePath(file).toStdString();
        else if (file == "dir")
            path = m_dir.path().toStdString();
        else if (file == "empty.pt")
            path = write("empty.pt", {});
        else if (file == "random.pt")
            path = write("random.pt", QByteArray("\x13\x37 this is not a model at all, just bytes", 40));
        else if (file == "legacy.pt")
            path = write("legacy.pt", QByteArray("\x80\x02\x8a\x0a\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19.", 15));
        else if (file == "trunc100.pt")
            path = write("trunc100.pt", good.left(100));
        else if (file == "trunc_half.pt")
            path = write("trunc_half.pt", good.left(good.size() / 2));
        else if (file == "state_dict")
            path = fixture("not_a_module_state_dict.pt");
        else if (file == "pickled")
            path = fixture("pickled_module.pt");
        const Error e = loadError(path);
        const QString message = QString::fromStdString(e.what());
        QCOMPARE(e.kind(), ErrorKind::BadModel);
        QVERIFY2(message.startsWith(QString::fromStdString(path)), qPrintable(message));
        for (const auto& m : mentions)
            QVERIFY2(message.contains(m), qPrintable(message));
        QVERIFY2(!message.contains("Exception raised from") && !message.contains("frame #"), qPrintable(message));
    }

    void wrongInputShapeNamesTheOpModuleAndShape()
    {
        // resnet18's first conv wants 3 channels; give it 4.
        const Error e = loadError(fixture("resnet18_traced.pt"), "1,4,224,224");
        const QString message = QString::fromStdString(e.what());
        QCOMPARE(e.kind(), ErrorKind::BadInput);
        QVERIFY2(message.contains("module conv1 (Conv2d)"), qPrintable(message));
        QVERIFY2(message.contains("[1, 4, 224, 224]"), qPrintable(message));
        QVERIFY2(message.contains("--input"), qPrintable(message));
        QVERIFY2(!message.contains("Traceback"), qPrintable(message));
    }

    void wrongNumberOfInputs()
    {
        const Error e = loadError(fixture("multi_input_traced.pt"), "1,3,16,16");
        const QString message = QString::fromStdString(e.what());
        QCOMPARE(e.kind(), ErrorKind::BadInput);
        QVERIFY2(message.contains("forward takes 3 input(s)"), qPrintable(message));
    }

    void forwardThatRaisesIsReported()
    {
        // The model raises RuntimeError("boom") for inputs that are not 4-D.
        const Error e = loadError(fixture("forward_raises_scripted.pt"), "1,3,8");
        const QString message = QString::fromStdString(e.what());
        QCOMPARE(e.kind(), ErrorKind::BadInput);
        QVERIFY2(message.contains("boom"), qPrintable(message));
    }

    void absurdInputOnMetaTensorsCostsNothing()
    {
        // Meta tensors carry no data: a 100000x100000 image is fine for shapes.
        LoadOptions options;
        options.inputs = parseInputSpecs("1,3,100000,100000");
        const Model model = Model::load(fixture("resnet18_traced.pt"), options);
        QCOMPARE(model.shapeMode(), std::string("meta"));
        const auto& conv1 = model.graph().nodes.front();
        QCOMPARE(
            model.graph().values[static_cast<size_t>(conv1.outputs.front())].shape, (Shape { 1, 64, 50000, 50000 }));
    }

    void absurdInputIsRefusedBeforeARealRun()
    {
        // The if_branch model reads a tensor value (x.sum() > 0), so it needs real
        // tensors; 1x3x100000x100000 floats would take 111 GiB.
        const Error e = loadError(fixture("if_branch_scripted.pt"), "1,3,100000,100000");
        const QString message = QString::fromStdString(e.what());
        QCOMPARE(e.kind(), ErrorKind::BadInput);
        QVERIFY2(message.contains("MiB") && message.contains("smaller input"), qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(TestModelErrors)
#include "tst_model_errors.moc"
