// SPDX-License-Identifier: MIT
#include "prune_table.h"

#include <iomanip>
#include <ostream>
#include <sstream>

namespace prunescope::cli {

namespace {

std::string withCommas(int64_t value)
{
    std::string digits = std::to_string(value < 0 ? -value : value);
    for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3)
        digits.insert(static_cast<size_t>(i), ",");
    return (value < 0 ? "-" : "") + digits;
}

std::string fixed(double value, int decimals, const char* unit)
{
    std::ostringstream text;
    text << std::fixed << std::setprecision(decimals) << value << unit;
    return text.str();
}

std::string bytes(uint64_t n)
{
    if (n >= 1000000)
        return fixed(double(n) / 1e6, 1, " MB");
    return n >= 1000 ? fixed(double(n) / 1e3, 1, " kB") : std::to_string(n) + " B";
}

std::string change(double before, double after)
{
    if (before <= 0)
        return "";
    std::ostringstream text;
    text << std::showpos << std::fixed << std::setprecision(1) << 100.0 * (after - before) / before << "%";
    return text.str();
}

void row(std::ostream& out, const std::string& label, const std::string& before, const std::string& after,
    const std::string& delta)
{
    out << "  " << std::left << std::setw(22) << label << std::right << std::setw(16) << before << std::setw(16)
        << after << std::setw(10) << delta << "\n";
}

} // namespace

void printPruneResult(std::ostream& out, const PruneResult& r)
{
    const Verification& v = r.verification;
    out << "Pruned " << r.model_path << " -> " << r.output_path << "\n";
    out << "Verified on real tensors against the original with the removed channels silenced: max |error| "
        << std::scientific << std::setprecision(2) << v.max_abs << ", relative " << v.max_rel << " (tolerance "
        << v.rtol << "), " << std::defaultfloat << v.values_compared << " tensors compared\n\n";
    row(out, "", "before", "after", "change");
    const ModelFigures &b = r.before, &a = r.after;
    row(out, "Parameters", withCommas(b.params), withCommas(a.params), change(double(b.params), double(a.params)));
    row(out, "MACs (extended)", withCommas(b.macs), withCommas(a.macs), change(double(b.macs), double(a.macs)));
    row(out, "File size", bytes(b.file_bytes), bytes(a.file_bytes), change(double(b.file_bytes), double(a.file_bytes)));
    if (b.latency_ms_one_thread >= 0) {
        row(out, "Latency, 1 thread", fixed(b.latency_ms_one_thread, 1, " ms"),
            fixed(a.latency_ms_one_thread, 1, " ms"), change(b.latency_ms_one_thread, a.latency_ms_one_thread));
        row(out, "Latency, " + std::to_string(b.threads) + (b.threads == 1 ? " thread" : " threads"),
            fixed(b.latency_ms_all_threads, 1, " ms"), fixed(a.latency_ms_all_threads, 1, " ms"),
            change(b.latency_ms_all_threads, a.latency_ms_all_threads));
    }
    out << "\nTimes:";
    for (const auto& t : r.timings)
        out << " " << t.phase << " " << fixed(t.ms, 0, " ms") << (&t == &r.timings.back() ? "" : ",");
    out << "\n";
    for (const auto& note : r.notes)
        out << "Note: " << note << "\n";
}

} // namespace prunescope::cli
