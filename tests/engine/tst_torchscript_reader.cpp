// SPDX-License-Identifier: MIT
// The engine reads TorchScript files itself (torchscript_reader.h) instead of through
// torch::jit::load. libtorch's own load is the reference here: every module read must
// equal what load gives, in code, parameters and attributes, and the files that need
// load's extra rewrite (quantized models) must be handed to it.
#include "fixtures.h"
#include "torch_pch.h"
#include "torchscript_reader.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <map>
#include <regex>
#include <sstream>

namespace test = prunescope::test;

namespace {

// A graph without its source locations ("# code/__torch__.py:9:6") and warning ids.
// The reader does not read the debug records, so its locations name the archive's code
// rather than the model's Python file; aten::warn's warn_id counts the warnings libtorch
// compiled in this process, so a second read of the same file numbers them on.
std::string comparable(const std::string& graph)
{
    static const std::regex warnId("warn_id=[0-9]+");
    std::istringstream lines(graph);
    std::string line, out;
    while (std::getline(lines, line))
        out += std::regex_replace(line.substr(0, line.find(" # ")), warnId, "warn_id=N") + "\n";
    return out;
}

// Every method graph and every parameter and buffer of every module, keyed by path.
std::map<std::string, std::string> contents(const torch::jit::Module& root)
{
    std::map<std::string, std::string> out;
    for (const auto& entry : root.named_modules()) {
        const std::string prefix = entry.name.empty() ? "<root>" : entry.name;
        out[prefix + " type"] = entry.value.type()->str();
        for (const auto& method : entry.value.get_methods())
            out[prefix + " " + method.name()] = comparable(method.graph()->toString(false));
        for (const auto& p : entry.value.named_parameters(false)) {
            std::ostringstream text;
            text << p.value.sizes() << " " << p.value.sum().item<double>();
            out[prefix + " param " + p.name] = text.str();
        }
        for (const auto& b : entry.value.named_buffers(false)) {
            std::ostringstream text;
            text << b.value.sizes() << " " << b.value.to(c10::kDouble).sum().item<double>();
            out[prefix + " buffer " + b.name] = text.str();
        }
    }
    return out;
}

void compareWithLoad(const std::string& path, bool expectItself)
{
    bool itself = false;
    const torch::jit::Module ours = prunescope::detail::readTorchScript(path, &itself);
    QCOMPARE(itself, expectItself);
    const torch::jit::Module reference = torch::jit::load(path, c10::Device(c10::kCPU));
    const auto a = contents(ours);
    const auto b = contents(reference);
    QCOMPARE(a.size(), b.size());
    for (const auto& [key, value] : b) {
        auto found = a.find(key);
        QVERIFY2(found != a.end(), key.c_str());
        QVERIFY2(found->second == value, (path + ": " + key + " differs").c_str());
    }
}

} // namespace

class TorchScriptReaderTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readsModelsAsLoadDoes_data()
    {
        QTest::addColumn<QString>("file");
        // Traced and scripted nets, scripted control flow, RNNs (their flat weights),
        // several inputs, and googlenet's scripted namedtuple output.
        for (const char* file : { "resnet18_traced.pt", "resnet18_scripted.pt", "googlenet_scripted.pt",
                 "mobilenet_v2_traced.pt", "if_branch_scripted.pt", "rnn_cells_scripted.pt", "rnn_cells_traced.pt",
                 "multi_input_traced.pt", "forward_raises_scripted.pt" })
            QTest::newRow(file) << QString(file);
    }
    void readsModelsAsLoadDoes()
    {
        QFETCH(QString, file);
        compareWithLoad(test::fixture(file.toStdString()), true);
    }

    void quantizedModelsGoToLoad()
    {
        // Their convs may need load's schema rewrite; the result is load's own.
        compareWithLoad(test::fixture("quantized_shufflenet_v2_x0_5_scripted.pt"), false);
    }

    void runsSetStateAsLoadDoes()
    {
        // A module pickled through __getstate__ / __setstate__ (as nn.quantized's and
        // some user modules are): loading must run __setstate__, which here also
        // triples the scale, so skipping it or filling the slots from the state
        // would both show.
        torch::jit::Module module("__torch__.CustomState");
        module.register_parameter("weight", torch::ones({ 4, 3, 1, 1 }), false);
        module.register_attribute("training", c10::BoolType::get(), false);
        module.register_attribute("scale", c10::FloatType::get(), 2.0);
        module.define(R"(
def forward(self, x):
    return torch.conv2d(x, self.weight) * self.scale

def __getstate__(self):
    return (self.weight, self.scale, self.training)

def __setstate__(self, state: Tuple[Tensor, float, bool]):
    self.weight = state[0]
    self.scale = state[1] * 3.0
    self.training = state[2]
)");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string path = dir.filePath("custom_state.pt").toStdString();
        module.save(path);
        compareWithLoad(path, true);
        const torch::jit::Module ours = prunescope::detail::readTorchScript(path);
        QCOMPARE(ours.attr("scale").toDouble(), 6.0);
    }

    void damagedFilesFailAsLoadDoes()
    {
        // Not a zip at all, then a zip cut in half: the reader must let load report
        // both, in load's words, which load_errors.cpp knows how to explain.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string text = dir.filePath("text.pt").toStdString();
        std::ofstream(text) << "not a model";
        const std::string whole = test::fixture("resnet18_traced.pt");
        std::ifstream in(whole, std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        const std::string cut = dir.filePath("cut.pt").toStdString();
        std::ofstream(cut, std::ios::binary) << bytes.substr(0, bytes.size() / 2);
        for (const std::string& path : { text, cut }) {
            std::string ours, theirs;
            try {
                prunescope::detail::readTorchScript(path);
            } catch (const c10::Error& e) {
                ours = e.what_without_backtrace();
            }
            try {
                torch::jit::load(path, c10::Device(c10::kCPU));
            } catch (const c10::Error& e) {
                theirs = e.what_without_backtrace();
            }
            QVERIFY2(!theirs.empty(), path.c_str());
            QCOMPARE(QString::fromStdString(ours), QString::fromStdString(theirs));
        }
    }
};

QTEST_GUILESS_MAIN(TorchScriptReaderTest)
#include "tst_torchscript_reader.moc"
