// SPDX-License-Identifier: MIT
#include "flops_table.h"

#include "summary.h"

#include <iomanip>
#include <sstream>

namespace prunescope::cli {

namespace {

std::string tuple(const Shape& shape)
{
    if (shape.empty())
        return "0";
    std::string text = "(";
    for (size_t i = 0; i < shape.size(); ++i)
        text += (i ? ", " : "") + std::to_string(shape[i]);
    return text + (shape.size() == 1 ? ",)" : ")");
}

std::string percentLess(int64_t after, int64_t before)
{
    if (before <= 0)
        return "";
    std::ostringstream text;
    text << std::fixed << std::setprecision(1)
         << 100.0 * static_cast<double>(before - after) / static_cast<double>(before) << "% less";
    return text.str();
}

void printTable(std::ostream& out, const std::vector<std::vector<std::string>>& rows)
{
    std::vector<size_t> widths;
    for (const auto& row : rows)
        for (size_t c = 0; c < row.size(); ++c) {
            if (widths.size() <= c)
                widths.push_back(0);
            widths[c] = std::max(widths[c], row[c].size());
        }
    std::string rule = "+";
    for (size_t w : widths)
        rule += std::string(w + 2, '-') + "+";
    out << rule << "\n";
    for (size_t r = 0; r < rows.size(); ++r) {
        out << "|";
        for (size_t c = 0; c < rows[r].size(); ++c) {
            const bool left = c == 1; // names left-aligned, as NNI's table
            out << " " << (left ? std::left : std::right) << std::setw(static_cast<int>(widths[c])) << rows[r][c]
                << " |";
        }
        out << "\n";
        if (r == 0)
            out << rule << "\n";
    }
    out << rule << "\n";
}

} // namespace

void printFlopsTable(std::ostream& out, const FlopsResult& result)
{
    const bool calls = result.hasMultiUse();
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> header { "Index", "Name", "Type", "Weight Shape", "Input Size", "Output Size",
        result.mode == FlopsMode::Extended ? "MACs" : "FLOPs", "#Params" };
    if (calls)
        header.push_back("#Call");
    if (result.masked) {
        header.push_back("Masked (NNI)");
        header.push_back("Effective");
    }
    rows.push_back(header);
    for (size_t i = 0; i < result.layers.size(); ++i) {
        const auto& l = result.layers[i];
        std::vector<std::string> row { std::to_string(i), l.name, l.type, tuple(l.weight_shape), tuple(l.input_shape),
            tuple(l.output_shape), std::to_string(l.flops), std::to_string(l.params) };
        if (calls)
            row.push_back(std::to_string(l.call));
        if (result.masked) {
            row.push_back(std::to_string(l.masked_flops));
            row.push_back(std::to_string(l.effective_flops));
        }
        rows.push_back(row);
    }
    out << "Mode: " << flopsModeName(result.mode)
        << (result.mode == FlopsMode::Extended ? " (ours: multiply-accumulates of every conv, linear and matmul, all "
                                                 "positions and tokens, per sample)"
                                               : " (NNI v2.9 count_flops_params, per sample)")
        << "\n";
    printTable(out, rows);
    out << "FLOPs total: " << result.total << "\n";
    out << "#Params total: " << result.params << "\n";
    out << "Model params (every parameter): " << withThousands(result.model_params)
        << "   (#Params total counts only the counted layers, each once, as NNI does)\n";
    if (result.masked) {
        out << "FLOPs with masks, NNI's rule (remaining filters only): " << result.masked_total << " ("
            << percentLess(result.masked_total, result.total) << ")\n";
        out << "FLOPs after speedup (removed filters also remove the next layers' input channels): "
            << result.effective_total << " (" << percentLess(result.effective_total, result.total) << ")\n";
        out << "#Params after speedup: " << result.effective_params << " ("
            << percentLess(result.effective_params, result.params) << ")\n";
    }
}

void warnUncounted(std::ostream& err, const FlopsResult& result)
{
    if (result.uncounted.empty())
        return;
    err << "prunescope-cli: warning: not counted in mode " << flopsModeName(result.mode) << ":";
    for (const auto& u : result.uncounted) {
        err << " " << u.type << " (" << u.calls << " call" << (u.calls == 1 ? "" : "s");
        if (u.params)
            err << ", " << withThousands(u.params) << " params";
        err << ")";
    }
    err << "\n";
}

std::string flopsCsv(const FlopsResult& result)
{
    std::ostringstream csv;
    auto shape = [](const Shape& s) {
        std::string t;
        for (size_t i = 0; i < s.size(); ++i)
            t += (i ? "x" : "") + std::to_string(s[i]);
        return t;
    };
    csv << "index,name,type,weight_shape,input_shape,output_shape,flops,params,call";
    if (result.masked)
        csv << ",masked_flops,effective_flops,effective_params";
    csv << "\n";
    for (size_t i = 0; i < result.layers.size(); ++i) {
        const auto& l = result.layers[i];
        csv << i << "," << l.name << "," << l.type << "," << shape(l.weight_shape) << "," << shape(l.input_shape) << ","
            << shape(l.output_shape) << "," << l.flops << "," << l.params << "," << l.call;
        if (result.masked)
            csv << "," << l.masked_flops << "," << l.effective_flops << "," << l.effective_params;
        csv << "\n";
    }
    return csv.str();
}

} // namespace prunescope::cli
