// SPDX-License-Identifier: MIT
#pragma once
// The union-find behind the strict pruning groups. Every dimension of every tensor the
// forward pass touches is a *space* of elements, one per index; rules unite elements that
// must be removed together. Identity ops share spaces instead of uniting them, so the
// cost is one pass over the ops plus the size of the dimensions that really change.
#include <cstdint>
#include <string>
#include <vector>

namespace prunescope::strict {

// Two components, each holding some layer's filters, joined by one op.
struct Tie {
    int node = -1; // OpGraph node id
    std::string rule; // "depthwise conv", "add", "cat", ...
    int first = -1; // root-capable member ids of the two sides
    int second = -1;
};

class IndexFlow {
public:
    int addSpace(int64_t size);
    int64_t size(int space) const { return m_spaces[static_cast<size_t>(space)].size; }
    int element(int space, int64_t index) const
    {
        return m_spaces[static_cast<size_t>(space)].base + static_cast<int>(index);
    }
    int elements() const { return static_cast<int>(m_parent.size()); }

    int find(int e);
    void unite(int a, int b);
    void uniteSpaces(int a, int b); // index by index; the sizes must match

    // The op that unites next, for the ties it makes.
    void setContext(int node, const std::string& rule);
    // Marks a space as holding the filters of member `member`: its components become units.
    void markRootCapable(int space, int member);
    int rootMember(int e) { return m_member[static_cast<size_t>(find(e))]; }
    bool carrying(int space); // some index reaches a layer's filters
    const std::vector<Tie>& ties() const { return m_ties; }

private:
    struct Space {
        int base = 0;
        int64_t size = 0;
    };
    std::vector<Space> m_spaces;
    std::vector<int> m_parent;
    std::vector<int> m_member; // per root: the first root-capable member in it, or -1
    std::vector<Tie> m_ties;
    int m_node = -1;
    std::string m_rule;
};

} // namespace prunescope::strict
