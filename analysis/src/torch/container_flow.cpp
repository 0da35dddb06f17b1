// SPDX-License-Identifier: MIT
#include "container_flow.h"

namespace prunescope::detail {

using torch::jit::Node;
using torch::jit::Value;

namespace {

const c10::Symbol kDict = c10::Symbol::fromQualString("aten::dict");
const c10::Symbol kList = c10::Symbol::fromQualString("aten::list");
const c10::Symbol kSetItem = c10::Symbol::fromQualString("aten::_set_item");
const c10::Symbol kGetItem = c10::Symbol::fromQualString("aten::__getitem__");
const c10::Symbol kAppend = c10::Symbol::fromQualString("aten::append");
const c10::Symbol kInsert = c10::Symbol::fromQualString("aten::insert");
const c10::Symbol kExtend = c10::Symbol::fromQualString("aten::extend");
const c10::Symbol kAdd = c10::Symbol::fromQualString("aten::add");

} // namespace

ContainerFlow::ContainerFlow(const ShapeRecorder& recorder, Canon canon, Alias alias, const Value* self)
    : m_recorder(recorder)
    , m_canon(std::move(canon))
    , m_alias(std::move(alias))
    , m_self(self)
{
}

// The module path of an object reached from self by attribute reads, "" for self.
std::optional<std::string> ContainerFlow::objectPath(const Value* value) const
{
    if (value == m_self)
        return std::string();
    const Node* node = value->node();
    if (node->kind() != c10::prim::GetAttr)
        return std::nullopt;
    const auto parent = objectPath(node->input(0));
    if (!parent)
        return std::nullopt;
    return *parent + "." + node->s(c10::attr::name);
}

bool ContainerFlow::attribute(const Node* node)
{
    if (node->kind() == c10::prim::SetAttr) {
        const auto path = objectPath(node->input(0));
        if (!path)
            return false;
        m_attributes[*path + "/" + node->s(c10::attr::name)] = m_canon(node->input(1));
        return true;
    }
    const auto path = objectPath(node->input(0));
    if (!path)
        return false;
    auto found = m_attributes.find(*path + "/" + node->s(c10::attr::name));
    if (found == m_attributes.end())
        return false;
    m_alias(node->output(), found->second);
    return true;
}

ContainerFlow::Contents* ContainerFlow::find(const Value* value)
{
    auto found = m_contents.find(m_canon(value));
    return found == m_contents.end() ? nullptr : &found->second;
}

bool ContainerFlow::isContainer(const Value* value) const { return m_contents.count(m_canon(value)) != 0; }

// A dict key or list index as the program had it: a constant, or the value recorded
// when it ran (IntermediateLayerGetter reads its keys from its return_layers dict).
std::optional<std::string> ContainerFlow::keyOf(const Value* value) const
{
    value = m_canon(value);
    if (auto constant = torch::jit::toIValue(value)) {
        if (constant->isString())
            return constant->toStringRef();
        if (constant->isInt())
            return "#" + std::to_string(constant->toInt());
        return std::nullopt;
    }
    // A recorded value is the first one the program saw: it stands for the key only
    // when the node ran once (not inside a loop, where each iteration has its own).
    const Observation* seen = m_recorder.observed(value);
    if (seen && m_recorder.runsOf(m_reader->owningBlock()) == 1) {
        if (seen->is_string)
            return seen->text;
        if (!seen->tensor && seen->ints.size() == 1)
            return "#" + std::to_string(seen->ints[0]);
    }
    return std::nullopt;
}

std::optional<int64_t> ContainerFlow::indexOf(const Value* value) const
{
    const auto key = keyOf(value);
    if (!key || key->empty() || (*key)[0] != '#')
        return std::nullopt;
    return std::stoll(key->substr(1));
}

bool ContainerFlow::read(const Node* node, const Value* container, const Value* key)
{
    Contents* contents = find(container);
    if (!contents || !contents->exact || node->outputs().size() != 1)
        return false;
    const Value* found = nullptr;
    if (contents->dict) {
        const auto name = keyOf(key);
        for (const auto& [k, v] : contents->entries)
            if (name && k == *name)
                found = v;
    } else if (auto index = indexOf(key)) {
        const auto size = static_cast<int64_t>(contents->entries.size());
        const int64_t i = *index < 0 ? *index + size : *index;
        if (i >= 0 && i < size)
            found = contents->entries[static_cast<size_t>(i)].second;
    }
    if (!found)
        return false;
    m_alias(node->output(), found);
    return true;
}

bool ContainerFlow::absorb(const Node* node)
{
    m_reader = node;
    const auto kind = node->kind();
    if (kind == c10::prim::SetAttr || kind == c10::prim::GetAttr)
        return attribute(node);
    if (kind == c10::prim::ListConstruct || kind == c10::prim::TupleConstruct) {
        // Kept as nodes of the graph (NNI folds them into their consumer); only watched.
        Contents& contents = m_contents[node->output()];
        for (const Value* input : node->inputs())
            contents.entries.emplace_back("", m_canon(input));
        return false;
    }
    if (kind == c10::prim::DictConstruct) {
        Contents& contents = m_contents[node->output()];
        contents.dict = true;
        for (size_t i = 0; i + 1 < node->inputs().size(); i += 2) {
            const auto key = keyOf(node->input(i));
            contents.exact = contents.exact && key.has_value();
            contents.entries.emplace_back(key.value_or(""), m_canon(node->input(i + 1)));
        }
        return false;
    }
    // Scripted code narrows an Optional or Union to the list it holds (DenseNet's layers
    // take `List[Tensor]` or `Tensor`): the same container under another name.
    if (kind == c10::prim::unchecked_cast && find(node->input(0))) {
        m_alias(node->output(), m_canon(node->input(0)));
        return true;
    }
    if (kind == kDict && node->inputs().empty()) {
        m_contents[node->output()].dict = true;
        return true;
    }
    if (kind == kList && node->inputs().size() == 1 && find(node->input(0))) {
        const Contents copy = *find(node->input(0));
        m_contents[node->output()] = copy;
        return true;
    }
    if (kind == kAdd && node->inputs().size() == 2 && node->output()->type()->kind() == c10::TypeKind::ListType) {
        const Contents* a = find(node->input(0));
        const Contents* b = find(node->input(1));
        if (!a || !b)
            return false;
        Contents joined = *a;
        joined.exact = a->exact && b->exact;
        joined.entries.insert(joined.entries.end(), b->entries.begin(), b->entries.end());
        m_contents[node->output()] = std::move(joined);
        return true;
    }
    if (kind == kSetItem && node->inputs().size() == 3) {
        Contents* contents = find(node->input(0));
        if (!contents)
            return false;
        const Value* value = m_canon(node->input(2));
        const auto key = contents->dict ? keyOf(node->input(1)) : std::nullopt;
        const auto index = contents->dict ? std::nullopt : indexOf(node->input(1));
        if (contents->dict && key) {
            for (auto& entry : contents->entries)
                if (entry.first == *key) {
                    entry.second = value;
                    return true;
                }
            contents->entries.emplace_back(*key, value);
        } else if (index && *index >= 0 && static_cast<size_t>(*index) < contents->entries.size()) {
            contents->entries[static_cast<size_t>(*index)].second = value;
        } else {
            contents->exact = false;
            contents->entries.emplace_back("", value);
        }
        return true;
    }
    if (kind == kAppend && node->inputs().size() == 2) {
        Contents* contents = find(node->input(0));
        if (!contents)
            return false;
        contents->entries.emplace_back("", m_canon(node->input(1)));
        if (node->outputs().size() == 1)
            m_alias(node->output(), m_canon(node->input(0)));
        return true;
    }
    if (kind == kInsert && node->inputs().size() == 3) {
        Contents* contents = find(node->input(0));
        if (!contents)
            return false;
        const auto size = static_cast<int64_t>(contents->entries.size());
        const auto index = indexOf(node->input(1));
        if (!index)
            contents->exact = false;
        // Python's list.insert clamps the position into [0, len].
        int64_t at = index ? (*index < 0 ? *index + size : *index) : size;
        at = std::max<int64_t>(0, std::min(at, size));
        contents->entries.insert(contents->entries.begin() + at, { "", m_canon(node->input(2)) });
        return true;
    }
    if (kind == kExtend && node->inputs().size() == 2) {
        Contents* contents = find(node->input(0));
        const Contents* other = find(node->input(1));
        if (!contents || !other)
            return false;
        const auto added = other->entries;
        contents->exact = contents->exact && other->exact;
        contents->entries.insert(contents->entries.end(), added.begin(), added.end());
        return true;
    }
    if ((kind == kGetItem || kind == c10::prim::TupleIndex) && node->inputs().size() == 2)
        return read(node, node->input(0), node->input(1));
    if (kind == c10::prim::ListUnpack || kind == c10::prim::TupleUnpack) {
        const Contents* contents = find(node->input(0));
        if (!contents || !contents->exact || contents->entries.size() != node->outputs().size())
            return false;
        for (size_t i = 0; i < node->outputs().size(); ++i)
            m_alias(node->outputs()[i], contents->entries[i].second);
        return true;
    }
    return false;
}

void ContainerFlow::leavesInto(const Value* value, std::vector<const Value*>& out, int depth) const
{
    value = m_canon(value);
    auto found = m_contents.find(value);
    if (found == m_contents.end() || depth > 16) {
        out.push_back(value); // data, or a container some op made (split's list)
        return;
    }
    for (const auto& entry : found->second.entries)
        leavesInto(entry.second, out, depth + 1);
}

std::vector<const Value*> ContainerFlow::leaves(const Value* container) const
{
    std::vector<const Value*> out;
    leavesInto(container, out, 0);
    return out;
}

std::vector<const Value*> ContainerFlow::contentsRead(const Node* node) const
{
    std::vector<const Value*> out;
    for (const Value* input : node->inputs())
        if (isContainer(input))
            leavesInto(input, out, 0);
    return out;
}

} // namespace prunescope::detail
