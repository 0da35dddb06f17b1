// SPDX-License-Identifier: MIT
#include "torch_save_reader.h"

#include <caffe2/serialize/inline_container.h>

#include <cstring>
#include <limits>
#include <map>
#include <stdexcept>
#include <unordered_set>
#include <vector>

namespace prunescope::detail {

namespace {

using Kind = PickleValue::Kind;

constexpr int64_t kMaxElements = int64_t(1) << 28; // 256 M: a 1 GiB float mask

PickleRef make(Kind kind)
{
    auto v = std::make_shared<PickleValue>();
    v->kind = kind;
    return v;
}

const std::map<std::string, at::ScalarType> kStorageTypes { { "torch.FloatStorage", at::kFloat },
    { "torch.DoubleStorage", at::kDouble }, { "torch.HalfStorage", at::kHalf },
    { "torch.BFloat16Storage", at::kBFloat16 }, { "torch.LongStorage", at::kLong }, { "torch.IntStorage", at::kInt },
    { "torch.ShortStorage", at::kShort }, { "torch.CharStorage", at::kChar }, { "torch.ByteStorage", at::kByte },
    { "torch.BoolStorage", at::kBool } };

class Machine {
public:
    Machine(caffe2::serialize::PyTorchStreamReader& archive, std::string data)
        : m_archive(archive)
        , m_data(std::move(data))
    {
    }

    PickleRef run()
    {
        while (m_pos < m_data.size()) {
            const auto op = static_cast<unsigned char>(m_data[m_pos++]);
            if (op == '.')
                return pop();
            step(op);
        }
        throw std::runtime_error("the pickle ends without a STOP");
    }

private:
    void need(size_t n) const
    {
        if (m_pos + n > m_data.size())
            throw std::runtime_error("the pickle is truncated");
    }
    uint64_t readUInt(size_t n)
    {
        need(n);
        uint64_t v = 0;
        for (size_t i = 0; i < n; ++i)
            v |= static_cast<uint64_t>(static_cast<unsigned char>(m_data[m_pos + i])) << (8 * i);
        m_pos += n;
        return v;
    }
    std::string readBytes(size_t n)
    {
        need(n);
        std::string s = m_data.substr(m_pos, n);
        m_pos += n;
        return s;
    }
    std::string readLine()
    {
        const auto end = m_data.find('\n', m_pos);
        if (end == std::string::npos)
            throw std::runtime_error("the pickle is truncated");
        std::string s = m_data.substr(m_pos, end - m_pos);
        m_pos = end + 1;
        return s;
    }
    PickleRef pop()
    {
        if (m_stack.empty())
            throw std::runtime_error("the pickle pops an empty stack");
        PickleRef v = m_stack.back();
        m_stack.pop_back();
        return v;
    }
    // The value on top of the stack, which stays there (memo and container opcodes).
    const PickleRef& top() const
    {
        if (m_stack.empty())
            throw std::runtime_error("the pickle uses an empty stack");
        return m_stack.back();
    }
    std::vector<PickleRef> popMark()
    {
        if (m_marks.empty())
            throw std::runtime_error("the pickle has no MARK where one is needed");
        const size_t mark = m_marks.back();
        m_marks.pop_back();
        if (mark > m_stack.size())
            throw std::runtime_error("the pickle pops below its MARK");
        std::vector<PickleRef> items(m_stack.begin() + static_cast<long>(mark), m_stack.end());
        m_stack.resize(mark);
        return items;
    }
    void push(PickleRef v) { m_stack.push_back(std::move(v)); }
    PickleRef integer(int64_t i)
    {
        auto v = make(Kind::Int);
        v->integer = i;
        return v;
    }
    PickleRef string(std::string s)
    {
        auto v = make(Kind::String);
        v->text = std::move(s);
        return v;
    }
    PickleRef tuple(std::vector<PickleRef> items)
    {
        auto v = make(Kind::Tuple);
        v->items = std::move(items);
        return v;
    }
    // Values are shared_ptrs: a container made to hold itself (the memo allows it) would
    // never be freed. torch.save'd masks have no cycles, so such a file is refused.
    static bool reaches(const PickleRef& from, const PickleValue* target)
    {
        std::vector<const PickleValue*> todo { from.get() };
        std::unordered_set<const PickleValue*> seen;
        while (!todo.empty()) {
            const PickleValue* v = todo.back();
            todo.pop_back();
            if (v == target)
                return true;
            if (!seen.insert(v).second)
                continue;
            for (const auto& item : v->items)
                todo.push_back(item.get());
            for (const auto& [key, value] : v->entries) {
                todo.push_back(key.get());
                todo.push_back(value.get());
            }
        }
        return false;
    }
    static void checkNoCycle(const PickleRef& container, const std::vector<PickleRef>& added)
    {
        for (const auto& v : added)
            if (reaches(v, container.get()))
                throw std::runtime_error("the pickle puts a " + container->describe()
                    + " inside itself (a reference cycle), which a mask file never holds");
    }
    void setItems(const PickleRef& dict, const std::vector<PickleRef>& kv)
    {
        if (dict->kind != Kind::Dict)
            throw std::runtime_error("the pickle sets items on a " + dict->describe());
        checkNoCycle(dict, kv);
        for (size_t i = 0; i + 1 < kv.size(); i += 2)
            dict->entries.emplace_back(kv[i], kv[i + 1]);
    }
    void append(const PickleRef& list, const std::vector<PickleRef>& items)
    {
        checkNoCycle(list, items);
        list->items.insert(list->items.end(), items.begin(), items.end());
    }

    void step(unsigned char op)
    {
        switch (op) {
        case 0x80: readUInt(1); break; // PROTO
        case 0x95: readUInt(8); break; // FRAME
        case '(': m_marks.push_back(m_stack.size()); break;
        case '}': push(make(Kind::Dict)); break;
        case ']': push(make(Kind::List)); break;
        case ')': push(tuple({})); break;
        case 't': push(tuple(popMark())); break;
        case 0x85: {
            auto a = pop();
            push(tuple({ a }));
        } break;
        case 0x86: {
            auto b = pop(), a = pop();
            push(tuple({ a, b }));
        } break;
        case 0x87: {
            auto c = pop(), b = pop(), a = pop();
            push(tuple({ a, b, c }));
        } break;
        case 'q': m_memo[readUInt(1)] = top(); break;
        case 'r': m_memo[readUInt(4)] = top(); break;
        case 0x94: m_memo[m_memo.size()] = top(); break; // MEMOIZE
        case 'h': push(memo(readUInt(1))); break;
        case 'j': push(memo(readUInt(4))); break;
        case 'X': push(string(readBytes(readUInt(4)))); break;
        case 0x8c: push(string(readBytes(readUInt(1)))); break;
        case 0x8d: push(string(readBytes(readUInt(8)))); break;
        case 'T': push(string(readBytes(readUInt(4)))); break;
        case 'U': push(string(readBytes(readUInt(1)))); break;
        case 'B': push(string(readBytes(readUInt(4)))); break;
        case 'C': push(string(readBytes(readUInt(1)))); break;
        case 'J': push(integer(static_cast<int32_t>(readUInt(4)))); break;
        case 'K': push(integer(static_cast<int64_t>(readUInt(1)))); break;
        case 'M': push(integer(static_cast<int64_t>(readUInt(2)))); break;
        case 0x8a: { // LONG1: little-endian two's complement
            const size_t n = readUInt(1);
            if (n > 8)
                throw std::runtime_error("the pickle holds an integer too large for 64 bits");
            uint64_t v = readUInt(n);
            if (n > 0 && n < 8 && (v >> (8 * n - 1)) & 1)
                v |= ~uint64_t(0) << (8 * n);
            push(integer(static_cast<int64_t>(v)));
        } break;
        case 'N': push(make(Kind::None)); break;
        case 0x88:
        case 0x89: {
            auto v = make(Kind::Bool);
            v->integer = op == 0x88;
            push(v);
        } break;
        case 'G': {
            const uint64_t bits = __builtin_bswap64(readUInt(8)); // big-endian double
            auto v = make(Kind::Float);
            std::memcpy(&v->number, &bits, sizeof bits);
            push(v);
        } break;
        case 'c': {
            auto v = make(Kind::Global);
            const std::string module = readLine();
            v->text = module + "." + readLine();
            push(v);
        } break;
        case 'Q': push(persistent(pop())); break;
        case 'R': {
            auto args = pop(), callable = pop();
            push(call(callable, args));
        } break;
        case 0x81: {
            auto args = pop(), cls = pop();
            push(call(cls, args));
        } break; // NEWOBJ
        case 's': {
            auto value = pop(), key = pop();
            setItems(top(), { key, value });
        } break;
        case 'u': {
            auto kv = popMark();
            setItems(top(), kv);
        } break;
        case 'a': {
            auto v = pop();
            append(top(), { v });
        } break;
        case 'e': append(top(), popMark()); break;
        case 'b': pop(); break; // BUILD: object state (an OrderedDict's _metadata): not needed
        default: {
            char hex[8];
            std::snprintf(hex, sizeof hex, "0x%02x", op);
            throw std::runtime_error(
                std::string("the pickle uses opcode ") + hex + ", which a torch.save file does not");
        }
        }
    }

    PickleRef memo(uint64_t key) const
    {
        auto found = m_memo.find(key);
        if (found == m_memo.end())
            throw std::runtime_error("the pickle refers to a memo entry it never stored");
        return found->second;
    }

    // ('storage', storage_type, key, location, numel)
    PickleRef persistent(const PickleRef& id)
    {
        if (id->kind != Kind::Tuple || id->items.size() < 3 || id->items[1]->kind != Kind::Global)
            throw std::runtime_error("the pickle has a persistent id that is not a tensor storage");
        auto found = kStorageTypes.find(id->items[1]->text);
        if (found == kStorageTypes.end())
            throw std::runtime_error(
                "the file holds a tensor of type " + id->items[1]->text + ", which is not supported");
        auto v = make(Kind::Storage);
        v->dtype = found->second;
        v->text = id->items[2]->text;
        return v;
    }

    PickleRef call(const PickleRef& callable, const PickleRef& args)
    {
        const std::string name = callable->kind == Kind::Global ? callable->text : "";
        if (name == "torch._utils._rebuild_tensor_v2" || name == "torch._utils._rebuild_tensor")
            return rebuildTensor(args);
        if (name == "collections.OrderedDict")
            return make(Kind::Dict);
        if (name == "torch.jit._pickle.restore_type_tag" && !args->items.empty())
            return args->items[0]; // (value, "Dict[str, Tensor]") from libtorch's pickler
        auto v = make(Kind::Object);
        v->text = name;
        v->items = { callable, args };
        return v;
    }

    PickleRef rebuildTensor(const PickleRef& args)
    {
        const auto& a = args->items;
        if (a.size() < 4 || a[0]->kind != Kind::Storage || a[2]->kind != Kind::Tuple || a[3]->kind != Kind::Tuple)
            throw std::runtime_error("the pickle rebuilds a tensor from unexpected arguments");
        std::vector<int64_t> size, stride;
        for (const auto& d : a[2]->items)
            size.push_back(d->integer);
        for (const auto& d : a[3]->items)
            stride.push_back(d->integer);
        if (size.size() != stride.size() || a[1]->kind != Kind::Int || a[1]->integer < 0)
            throw std::runtime_error("the pickle rebuilds a tensor with inconsistent sizes and strides");
        // A few bytes can announce billions of elements: bound them before allocating,
        // and read only inside the stored data.
        int64_t elements = 1, last = a[1]->integer;
        bool huge = false;
        for (size_t i = 0; i < size.size(); ++i) {
            if (size[i] < 0 || stride[i] < 0)
                throw std::runtime_error("the pickle rebuilds a tensor with a negative size or stride");
            if (size[i] > 0 && elements > std::numeric_limits<int64_t>::max() / size[i])
                huge = true;
            else
                elements *= size[i];
            if (size[i] > 0 && !huge)
                last += (size[i] - 1) * stride[i];
        }
        if (huge || elements > kMaxElements)
            throw std::runtime_error("the file holds a tensor of "
                + (huge ? std::string("more than 2^63") : std::to_string(elements)) + " elements, more than the "
                + std::to_string(kMaxElements) + " a mask can have");
        const std::string record = "data/" + a[0]->text;
        if (!m_archive.hasRecord(record))
            throw std::runtime_error("the archive lacks the tensor data " + record);
        auto [bytes, length] = m_archive.getRecord(record);
        const auto itemSize = static_cast<size_t>(c10::elementSize(a[0]->dtype));
        at::Tensor storage
            = at::empty({ static_cast<int64_t>(length / itemSize) }, at::TensorOptions().dtype(a[0]->dtype));
        std::memcpy(storage.data_ptr(), bytes.get(), length - length % itemSize);
        if (elements > 0 && last >= storage.numel())
            throw std::runtime_error("the tensor's data record " + record + " is shorter than the tensor");
        auto v = make(Kind::Tensor);
        v->tensor = storage.as_strided(size, stride, a[1]->integer).clone();
        return v;
    }

    caffe2::serialize::PyTorchStreamReader& m_archive;
    std::string m_data;
    size_t m_pos = 0;
    std::vector<PickleRef> m_stack;
    std::vector<size_t> m_marks;
    std::map<uint64_t, PickleRef> m_memo;
};

} // namespace

std::string PickleValue::describe() const
{
    switch (kind) {
    case Kind::None: return "None";
    case Kind::Bool: return "bool";
    case Kind::Int: return "int";
    case Kind::Float: return "float";
    case Kind::String: return "string";
    case Kind::Tuple: return "tuple";
    case Kind::List: return "list";
    case Kind::Dict: return "dict";
    case Kind::Tensor: return "tensor";
    case Kind::Global: return text;
    case Kind::Storage: return "storage";
    case Kind::Object: return text + " object";
    }
    return "value";
}

PickleRef readTorchSave(const std::string& path)
{
    // The reader resolves record names below the archive's top directory.
    caffe2::serialize::PyTorchStreamReader archive(path);
    if (!archive.hasRecord("data.pkl"))
        throw std::runtime_error("the zip archive holds no data.pkl, so it was not written by torch.save");
    auto [bytes, length] = archive.getRecord("data.pkl");
    Machine machine(archive, std::string(static_cast<const char*>(bytes.get()), length));
    return machine.run();
}

} // namespace prunescope::detail
