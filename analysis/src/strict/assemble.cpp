// SPDX-License-Identifier: MIT
// From the channel flow to the groups: units are the components that hold some layer's
// filters; units sharing a layer (or a count constraint) form one group.
#include "assemble.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>

namespace prunescope::strict {

namespace {

int findSet(std::vector<int>& parent, int x)
{
    while (parent[static_cast<size_t>(x)] != x) {
        parent[static_cast<size_t>(x)] = parent[static_cast<size_t>(parent[static_cast<size_t>(x)])];
        x = parent[static_cast<size_t>(x)];
    }
    return x;
}

void joinSets(std::vector<int>& parent, int a, int b)
{
    a = findSet(parent, a);
    b = findSet(parent, b);
    if (a != b)
        parent[static_cast<size_t>(std::max(a, b))] = std::min(a, b);
}

void splitParameter(const std::string& parameter, std::string& module, std::string& name)
{
    const auto dot = parameter.rfind('.');
    module = dot == std::string::npos ? std::string() : parameter.substr(0, dot);
    name = dot == std::string::npos ? parameter : parameter.substr(dot + 1);
}

class Assembler {
public:
    explicit Assembler(FlowState& state)
        : s(state)
    {
    }

    StrictGroups run()
    {
        findUnits();
        formGroups();
        addMembers();
        addFixed();
        addNotes();
        addConstraints();
        addTies();
        addValuesAndEdits();
        return std::move(m_result);
    }

private:
    // Global unit of element e, or -1.
    int unitOf(int e) { return m_unitOfRoot[static_cast<size_t>(s.flow.find(e))]; }

    void findUnits()
    {
        m_unitOfRoot.assign(static_cast<size_t>(s.flow.elements()), -1);
        for (const Member& m : s.members) {
            if (m.role != MemberRole::OutChannels)
                continue;
            for (int64_t i = 0; i < s.flow.size(m.space); ++i) {
                int& unit = m_unitOfRoot[static_cast<size_t>(s.flow.find(s.flow.element(m.space, i)))];
                if (unit < 0)
                    unit = m_unitCount++;
            }
        }
    }

    void formGroups()
    {
        std::vector<int> parent(static_cast<size_t>(m_unitCount));
        std::iota(parent.begin(), parent.end(), 0);
        for (const Member& m : s.members) {
            if (m.role != MemberRole::OutChannels)
                continue;
            const int first = unitOf(s.flow.element(m.space, 0));
            for (int64_t i = 1; i < s.flow.size(m.space); ++i)
                joinSets(parent, first, unitOf(s.flow.element(m.space, i)));
        }
        // Units under one count rule must be fixed together.
        for (const RawConstraint& c : s.constraints) {
            int first = -1;
            for (const auto& block : c.blocks)
                for (int e : block)
                    if (const int u = unitOf(e); u >= 0)
                        first < 0 ? void(first = u) : joinSets(parent, first, u);
        }
        m_groupOfUnit.assign(static_cast<size_t>(m_unitCount), -1);
        m_localUnit.assign(static_cast<size_t>(m_unitCount), -1);
        std::unordered_map<int, int> groupOfSet;
        // Global units are numbered in member order, then index order: the first group's
        // first units are its root's filters 0, 1, ...
        for (int u = 0; u < m_unitCount; ++u) {
            const int set = findSet(parent, u);
            auto [it, added] = groupOfSet.emplace(set, static_cast<int>(m_result.groups.size()));
            if (added) {
                PruningGroup g;
                g.id = it->second;
                m_result.groups.push_back(g);
            }
            PruningGroup& g = m_result.groups[static_cast<size_t>(it->second)];
            m_groupOfUnit[static_cast<size_t>(u)] = g.id;
            m_localUnit[static_cast<size_t>(u)] = static_cast<int>(g.channels++);
        }
    }

    void addMembers()
    {
        std::vector<std::map<int, size_t>> memberIndex(m_result.groups.size()); // member id -> position
        for (size_t id = 0; id < s.members.size(); ++id) {
            const Member& m = s.members[id];
            const int64_t n = s.flow.size(m.space);
            // Pass 1: each group's window of this member; pass 2: its units.
            std::map<int, std::pair<int64_t, int64_t>> window; // group -> [first, last]
            for (int64_t i = 0; i < n; ++i) {
                const int u = unitOf(s.flow.element(m.space, i));
                if (u < 0)
                    continue;
                auto [it, added] = window.emplace(m_groupOfUnit[static_cast<size_t>(u)], std::make_pair(i, i));
                it->second.second = i;
            }
            for (const auto& [gid, range] : window) {
                PruningGroup& g = m_result.groups[static_cast<size_t>(gid)];
                memberIndex[static_cast<size_t>(gid)].emplace(static_cast<int>(id), g.members.size());
                GroupMember gm;
                splitParameter(m.parameter, gm.module, gm.name);
                gm.dim = m.dim;
                gm.groups = m.groups;
                gm.role = m.role;
                if (const ModuleInfo* info = s.graph.module(gm.module); info && !gm.module.empty())
                    gm.layer_type = info->type;
                gm.map.size = n;
                gm.map.first = range.first;
                gm.map.units.assign(static_cast<size_t>(range.second - range.first + 1), -1);
                g.members.push_back(std::move(gm));
            }
            for (const auto& [gid, range] : window) {
                UnitMap& map = m_result.groups[static_cast<size_t>(gid)]
                                   .members[memberIndex[static_cast<size_t>(gid)].at(static_cast<int>(id))]
                                   .map;
                for (int64_t i = range.first; i <= range.second; ++i) {
                    const int u = unitOf(s.flow.element(m.space, i));
                    if (u >= 0 && m_groupOfUnit[static_cast<size_t>(u)] == gid)
                        map.units[static_cast<size_t>(i - range.first)] = m_localUnit[static_cast<size_t>(u)];
                }
            }
        }
        for (PruningGroup& g : m_result.groups) {
            std::stable_partition(g.members.begin(), g.members.end(),
                [](const GroupMember& m) { return m.role == MemberRole::OutChannels; });
            g.root = g.members.empty() ? std::string() : g.members.front().module;
        }
    }

    // Visits the units an element range reaches.
    template <typename F> void forUnits(int space, int64_t index, F&& f)
    {
        const int64_t from = index < 0 ? 0 : index, to = index < 0 ? s.flow.size(space) : index + 1;
        for (int64_t i = from; i < to; ++i)
            if (const int u = unitOf(s.flow.element(space, i)); u >= 0)
                f(u);
    }

    void addFixed()
    {
        std::vector<int> reasonOfUnit(static_cast<size_t>(m_unitCount), -1);
        std::map<int, std::set<int>> groupsOfReason;
        for (const FixRecord& r : s.fixes) {
            forUnits(r.space, r.index, [&](int u) {
                int& current = reasonOfUnit[static_cast<size_t>(u)];
                if (current < 0 || r.reason < current)
                    current = r.reason;
                groupsOfReason[r.reason].insert(m_groupOfUnit[static_cast<size_t>(u)]);
            });
        }
        for (int u = 0; u < m_unitCount; ++u) {
            const int reason = reasonOfUnit[static_cast<size_t>(u)];
            if (reason < 0)
                continue;
            PruningGroup& g = m_result.groups[static_cast<size_t>(m_groupOfUnit[static_cast<size_t>(u)])];
            g.fixed_units.push_back(m_localUnit[static_cast<size_t>(u)]);
            g.fixed_reasons.push_back(s.reasons[static_cast<size_t>(reason)].text);
        }
        for (PruningGroup& g : m_result.groups) {
            // Units were visited in global order, which is local order within a group.
            if (!g.fixed_units.empty() && static_cast<int64_t>(g.fixed_units.size()) == g.channels)
                g.blocked_reason = g.fixed_reasons.front();
        }
        addBlockedOps(groupsOfReason);
    }

    void addBlockedOps(const std::map<int, std::set<int>>& groupsOfReason)
    {
        std::map<std::pair<int, std::string>, size_t> opIndex;
        std::set<std::string> unsafeListed;
        for (size_t r = 0; r < s.reasons.size(); ++r) {
            const Reason& reason = s.reasons[r];
            if (reason.node < 0)
                continue;
            auto touched = groupsOfReason.find(static_cast<int>(r));
            const bool noRule = reason.text.rfind("no rule for", 0) == 0
                || reason.text.find("whose origin is not followed") != std::string::npos;
            if (touched == groupsOfReason.end() && !noRule)
                continue;
            const OpNode& node = s.graph.nodes[static_cast<size_t>(reason.node)];
            auto [it, added] = opIndex.emplace(std::make_pair(reason.node, reason.text), m_result.blocked_ops.size());
            if (added)
                m_result.blocked_ops.push_back({ node.unique_name, reason.op, reason.text, {} });
            BlockedOp& op = m_result.blocked_ops[it->second];
            if (touched == groupsOfReason.end())
                continue;
            for (int gid : touched->second) {
                for (const auto& layer : m_result.groups[static_cast<size_t>(gid)].layers()) {
                    if (std::find(op.layers.begin(), op.layers.end(), layer) == op.layers.end())
                        op.layers.push_back(layer);
                    if (reason.kind == Reason::Kind::ConstantShape && unsafeListed.insert(layer).second)
                        m_result.not_safe_to_prune.push_back({ layer, node.unique_name, reason.text });
                }
            }
        }
    }

    void addNotes()
    {
        for (const NoteRecord& n : s.notes) {
            std::set<int> groups;
            forUnits(n.space, -1, [&](int u) { groups.insert(m_groupOfUnit[static_cast<size_t>(u)]); });
            for (int gid : groups) {
                auto& notes = m_result.groups[static_cast<size_t>(gid)].notes;
                if (std::find(notes.begin(), notes.end(), n.text) == notes.end())
                    notes.push_back(n.text);
            }
        }
    }

    void addConstraints()
    {
        for (const RawConstraint& raw : s.constraints) {
            GroupConstraint c;
            c.kind = raw.kind;
            c.node = raw.node >= 0 ? s.graph.nodes[static_cast<size_t>(raw.node)].unique_name : std::string();
            c.reason = raw.reason;
            c.divisor = raw.divisor;
            int gid = -1;
            for (const auto& block : raw.blocks) {
                c.blocks.emplace_back();
                for (int e : block) {
                    const int u = unitOf(e);
                    if (u >= 0)
                        gid = m_groupOfUnit[static_cast<size_t>(u)];
                    c.blocks.back().push_back(u < 0 ? -1 : m_localUnit[static_cast<size_t>(u)]);
                }
            }
            if (gid >= 0)
                m_result.groups[static_cast<size_t>(gid)].constraints.push_back(std::move(c));
        }
    }

    void addTies()
    {
        for (const Tie& tie : s.flow.ties()) {
            const Member& m = s.members[static_cast<size_t>(tie.first)];
            const int u = unitOf(s.flow.element(m.space, 0));
            if (u < 0 || tie.node < 0)
                continue;
            PruningGroup& g = m_result.groups[static_cast<size_t>(m_groupOfUnit[static_cast<size_t>(u)])];
            const std::string& name = s.graph.nodes[static_cast<size_t>(tie.node)].unique_name;
            if (std::find(g.tied_by.begin(), g.tied_by.end(), name) == g.tied_by.end())
                g.tied_by.push_back(name);
            GroupTie t { name, tie.rule, m.parameter, s.members[static_cast<size_t>(tie.second)].parameter };
            const bool seen = std::any_of(g.ties.begin(), g.ties.end(), [&](const GroupTie& other) {
                return other.node == t.node && other.first == t.first && other.second == t.second;
            });
            if (!seen && t.first != t.second)
                g.ties.push_back(std::move(t));
        }
    }

    bool owners(int space, ChannelOwners& out)
    {
        const int64_t n = s.flow.size(space);
        int64_t at = 0;
        while (at < n && unitOf(s.flow.element(space, at)) < 0)
            ++at;
        if (at == n)
            return false; // most dims (batch, spatial) carry no unit: nothing to allocate
        bool any = false;
        out.group_of.assign(static_cast<size_t>(n), -1);
        out.unit_of.assign(static_cast<size_t>(n), -1);
        for (int64_t i = 0; i < n; ++i) {
            const int u = unitOf(s.flow.element(space, i));
            if (u < 0)
                continue;
            any = true;
            out.group_of[static_cast<size_t>(i)] = m_groupOfUnit[static_cast<size_t>(u)];
            out.unit_of[static_cast<size_t>(i)] = m_localUnit[static_cast<size_t>(u)];
        }
        return any;
    }

    void addValuesAndEdits()
    {
        for (size_t v = 0; v < s.values.size(); ++v) {
            if (!s.valueKnown[v])
                continue;
            for (size_t d = 0; d < s.values[v].size(); ++d) {
                ValueChannels vc;
                vc.value = static_cast<int>(v);
                vc.dim = static_cast<int>(d);
                if (owners(s.values[v][d], vc.owners))
                    m_result.values.push_back(std::move(vc));
            }
        }
        for (const RawEdit& raw : s.edits) {
            EditSite site = raw.site;
            if (owners(raw.space, site.owners))
                m_result.edits.push_back(std::move(site));
        }
    }

    FlowState& s;
    StrictGroups m_result;
    std::vector<int> m_unitOfRoot; // per element that is a root: its unit, or -1
    int m_unitCount = 0;
    std::vector<int> m_groupOfUnit;
    std::vector<int> m_localUnit;
};

} // namespace

StrictGroups assembleGroups(FlowState& state) { return Assembler(state).run(); }

} // namespace prunescope::strict
