// SPDX-License-Identifier: MIT
#include "index_flow.h"

#include <stdexcept>

namespace prunescope::strict {

int IndexFlow::addSpace(int64_t size)
{
    if (size < 0 || static_cast<int64_t>(m_parent.size()) + size > INT32_MAX)
        throw std::length_error("strict pruning groups: too many channel indices");
    Space space;
    space.base = static_cast<int>(m_parent.size());
    space.size = size;
    for (int64_t i = 0; i < size; ++i) {
        m_parent.push_back(space.base + static_cast<int>(i));
        m_member.push_back(-1);
    }
    m_spaces.push_back(space);
    return static_cast<int>(m_spaces.size()) - 1;
}

int IndexFlow::find(int e)
{
    // Path halving keeps the trees flat without recursion.
    while (m_parent[static_cast<size_t>(e)] != e) {
        const int up = m_parent[static_cast<size_t>(m_parent[static_cast<size_t>(e)])];
        m_parent[static_cast<size_t>(e)] = up;
        e = up;
    }
    return e;
}

void IndexFlow::unite(int a, int b)
{
    a = find(a);
    b = find(b);
    if (a == b)
        return;
    // The older root stays: members created earlier (graph order) keep naming the unit.
    if (b < a)
        std::swap(a, b);
    const int ma = m_member[static_cast<size_t>(a)], mb = m_member[static_cast<size_t>(b)];
    if (ma >= 0 && mb >= 0 && ma != mb) {
        const bool repeat = !m_ties.empty() && m_ties.back().node == m_node && m_ties.back().first == std::min(ma, mb)
            && m_ties.back().second == std::max(ma, mb);
        if (!repeat)
            m_ties.push_back({ m_node, m_rule, std::min(ma, mb), std::max(ma, mb) });
    }
    m_parent[static_cast<size_t>(b)] = a;
    if (ma < 0 || (mb >= 0 && mb < ma))
        m_member[static_cast<size_t>(a)] = mb;
}

void IndexFlow::uniteSpaces(int a, int b)
{
    if (a == b)
        return;
    const int64_t n = size(a);
    for (int64_t i = 0; i < n; ++i)
        unite(element(a, i), element(b, i));
}

void IndexFlow::setContext(int node, const std::string& rule)
{
    m_node = node;
    m_rule = rule;
}

void IndexFlow::markRootCapable(int space, int member)
{
    const int64_t n = size(space);
    for (int64_t i = 0; i < n; ++i) {
        const int root = find(element(space, i));
        int& current = m_member[static_cast<size_t>(root)];
        if (current < 0 || member < current) {
            if (current >= 0 && current != member)
                m_ties.push_back({ m_node, m_rule, member, current });
            current = member;
        }
    }
}

bool IndexFlow::carrying(int space)
{
    const int64_t n = size(space);
    for (int64_t i = 0; i < n; ++i)
        if (m_member[static_cast<size_t>(find(element(space, i)))] >= 0)
            return true;
    return false;
}

} // namespace prunescope::strict
