// SPDX-License-Identifier: MIT
#include "rules.h"

namespace prunescope::strict {

namespace {

RuleTable makeTable()
{
    RuleTable table;
    addElementwiseRules(table);
    addLayerRules(table);
    addShapeRules(table);
    addPieceRules(table);
    addReduceRules(table);
    addScalarRules(table);
    return table;
}

} // namespace

const Rule* findRule(const std::string& kind)
{
    static const RuleTable table = makeTable();
    auto found = table.find(kind);
    return found == table.end() ? nullptr : &found->second;
}

bool sameChannels(FlowState& s, int a, int b)
{
    if (a == b)
        return true;
    const int64_t n = s.flow.size(a);
    if (n != s.flow.size(b))
        return false;
    for (int64_t i = 0; i < n; ++i)
        if (s.flow.find(s.flow.element(a, i)) != s.flow.find(s.flow.element(b, i)))
            return false;
    return true;
}

void requireFollows(Op& op, const SizeElement& e, int target, const std::string& what)
{
    if (e.reads.empty())
        return;
    const int reason = op.s.addReason(Reason::Kind::ConstantShape,
        op.where() + " " + what + " computed from the width of another tensor: both must lose as many channels",
        op.node.id, op.kind());
    for (int read : e.reads)
        op.s.sizeChecks.push_back({ read, target, reason });
}

void addEdit(
    Op& op, EditSite::Kind kind, const std::string& argument, int element, int64_t oldValue, int space, int64_t start)
{
    RawEdit edit;
    edit.site.kind = kind;
    edit.site.node = op.node.unique_name;
    edit.site.op = op.call.kind;
    edit.site.occurrence = op.occurrence;
    edit.site.argument = argument;
    edit.site.element = element;
    edit.site.old_value = oldValue;
    edit.site.start = start;
    edit.space = space;
    op.s.edits.push_back(std::move(edit));
}

} // namespace prunescope::strict
