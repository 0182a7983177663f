import Fleet
import Foundation
import Yams

/// Reads a scenario file (YAML, or JSON, which is YAML) into a located `YAMLNode` tree,
/// applying `ScenarioLimits` before and during parsing.
public enum YAMLLoader {
    /// Reads the file at `path`, refusing it before reading when it is larger than
    /// `limits.maxFileBytes`. `file` is the name diagnostics show (the path by default).
    public static func load(
        path: String, file: String? = nil, limits: ScenarioLimits = .default
    ) throws(ScenarioError) -> YAMLNode {
        let name = file ?? path
        let start = SourceLocation(file: name, line: 1, column: 1)
        let size: Int
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        } catch {
            let reason = FileManager.default.fileExists(atPath: path)
                ? "cannot read the file: \(error.localizedDescription)"
                : "no such file; check the path (relative paths start from the current directory)"
            throw ScenarioError([Diagnostic(start, reason)])
        }
        guard size <= limits.maxFileBytes else {
            throw ScenarioError([Diagnostic(start, tooLarge(size, limits))])
        }
        let data: Data
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            // Read one byte more than allowed: the file may have grown since it was measured.
            data = try handle.read(upToCount: limits.maxFileBytes + 1) ?? Data()
        } catch {
            throw ScenarioError([Diagnostic(start, "cannot read the file: \(error.localizedDescription)")])
        }
        guard data.count <= limits.maxFileBytes else {
            throw ScenarioError([Diagnostic(start, tooLarge(data.count, limits))])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ScenarioError([Diagnostic(start, "the file is not valid UTF-8 text; save it as UTF-8")])
        }
        return try parse(text, file: name, limits: limits)
    }

    static func tooLarge(_ size: Int, _ limits: ScenarioLimits) -> String {
        "the file is \(size) bytes, more than the limit of \(limits.maxFileBytes) bytes; "
            + "a scenario describes a fleet, it does not list it"
    }

    /// Parses `text`; `file` is the name diagnostics show.
    public static func parse(
        _ text: String, file: String, limits: ScenarioLimits = .default
    ) throws(ScenarioError) -> YAMLNode {
        let start = SourceLocation(file: file, line: 1, column: 1)
        guard text.utf8.count <= limits.maxFileBytes else {
            throw ScenarioError([Diagnostic(start, tooLarge(text.utf8.count, limits))])
        }
        let estimate = PreScan.structuralCount(text)
        guard estimate <= limits.maxNodes else {
            throw ScenarioError([
                Diagnostic(start, "the file has more than \(limits.maxNodes) values (about \(estimate)); "
                    + "split it or describe the fleet with counts and shares")
            ])
        }
        let root: Node?
        do {
            // An explicit encoding: the default one reads an environment variable.
            let parser = try Parser(yaml: text, resolver: .basic, encoding: .utf8)
            root = try parser.singleRoot()
        } catch let error as YamlError {
            throw ScenarioError([diagnostic(for: error, file: file, text: text)])
        } catch {
            throw ScenarioError([Diagnostic(start, "invalid YAML: \(error)")])
        }
        guard let root else {
            throw ScenarioError([Diagnostic(start, "the file is empty; a scenario needs at least a name")])
        }
        var converter = Converter(file: file, limits: limits)
        let node = converter.convert(root, depth: 1)
        if let problem = converter.problem { throw ScenarioError([problem]) }
        return node
    }

    static func diagnostic(for error: YamlError, file: String, text: String) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: file, line: mark.line, column: mark.column) }
        func describe(_ context: YamlError.Context?, _ problem: String, _ mark: Mark) -> Diagnostic {
            if problem.hasPrefix("Maximum nesting level") {
                return Diagnostic(at(mark), "lists and mappings are nested too deeply")
            }
            var message = "invalid YAML: \(problem)"
            if let context {
                message += " \(context.text) that starts at \(context.mark.line):\(context.mark.column)"
            }
            return Diagnostic(at(mark), message)
        }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            return describe(context, problem, mark)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return Diagnostic(at(context.mark), "duplicate key \(names) in one mapping; each key may appear once")
        case .reader(let problem, let offset, _, _):
            return Diagnostic(location(ofCharacter: offset ?? 0, in: text, file: file), "unreadable text: \(problem)")
        default:
            return Diagnostic(SourceLocation(file: file, line: 1, column: 1), "invalid YAML: \(error)")
        }
    }
}

extension YAMLLoader {
    /// Where the character at `offset` (in `Character`s, as Yams reports a reader error) is,
    /// counted the way libyaml counts the marks of every other error: a line break is LF, CR,
    /// CR LF, NEL, LS or PS, and a column is one Unicode scalar. (Counting only LF put a problem
    /// in a file saved with CR LF or CR line ends on line 1, far past the end of it.)
    static func location(ofCharacter offset: Int, in text: String, file: String) -> SourceLocation {
        var line = 1, column = 1
        var afterCR = false
        for scalar in text.prefix(offset).unicodeScalars {
            switch scalar.value {
            case 0x0A where afterCR: break  // the LF of CR LF: the CR was the break
            case 0x0A, 0x0D, 0x85, 0x2028, 0x2029:
                line += 1
                column = 1
            default:
                column += 1
            }
            afterCR = scalar.value == 0x0D
        }
        return SourceLocation(file: file, line: line, column: column)
    }
}

/// Turns Yams nodes into `YAMLNode`s, counting every value (an alias counts each time it is
/// used, which defuses "billion laughs") and stopping at the first limit crossed.
struct Converter {
    let file: String
    let limits: ScenarioLimits
    var count = 0
    var problem: Diagnostic?

    init(file: String, limits: ScenarioLimits) {
        self.file = file
        self.limits = limits
    }

    mutating func convert(_ node: Node, depth: Int) -> YAMLNode {
        let mark = node.mark
        let location = SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
        let empty = YAMLNode(.scalar("", plain: true), at: location)
        guard problem == nil else { return empty }
        count += 1
        if count > limits.maxNodes {
            problem = Diagnostic(location, "the document has more than \(limits.maxNodes) values "
                + "(an alias counts each time it is used)")
            return empty
        }
        if depth > limits.maxDepth {
            problem = Diagnostic(location, "lists and mappings are nested more than \(limits.maxDepth) levels deep")
            return empty
        }
        switch node {
        case .scalar(let scalar):
            return YAMLNode(.scalar(scalar.string, plain: scalar.style == .plain || scalar.style == .any), at: location)
        case .sequence(let sequence):
            if sequence.count > limits.maxListLength {
                problem = Diagnostic(location, "the list has \(sequence.count) items, more than the limit of \(limits.maxListLength)")
                return empty
            }
            var items: [YAMLNode] = []
            items.reserveCapacity(sequence.count)
            for item in sequence {
                items.append(convert(item, depth: depth + 1))
                if problem != nil { return empty }
            }
            return YAMLNode(.sequence(items), at: location)
        case .mapping(let mapping):
            var entries: [YAMLNode.Entry] = []
            for (key, value) in mapping {
                entries.append(YAMLNode.Entry(key: convert(key, depth: depth + 1), value: convert(value, depth: depth + 1)))
                if problem != nil { return empty }
            }
            return YAMLNode(.mapping(entries), at: location)
        case .alias:
            return empty  // Yams resolves aliases while parsing; none remain here.
        }
    }
}

/// A quick upper bound on a text's values, before the parser builds any of them.
enum PreScan {
    /// Every value but the root follows one of `[ { , - : ?` or starts a line, outside quotes
    /// and comments; counting those bytes bounds the values from above.
    static func structuralCount(_ text: String) -> Int {
        var count = 1
        var quote: UInt8 = 0
        var comment = false
        var escaped = false
        var previous: UInt8 = 10
        // A quote opens a quoted scalar only where a value can start; inside a plain scalar
        // (O'Brien) it is just a character.
        let valueStarts: Set<UInt8> = [10, 13, 32, 9, UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ","),
            UInt8(ascii: "-"), UInt8(ascii: ":"), UInt8(ascii: "?")]
        for byte in text.utf8 {
            if comment {
                if byte == 10 { comment = false; count += 1 }
            } else if quote != 0 {
                if escaped { escaped = false } else if quote == UInt8(ascii: "\""), byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == quote { quote = 0 }
            } else {
                switch byte {
                case UInt8(ascii: "\"") where valueStarts.contains(previous): quote = byte
                case UInt8(ascii: "'") where valueStarts.contains(previous): quote = byte
                case UInt8(ascii: "#") where previous == 32 || previous == 10 || previous == 9: comment = true
                case 10, UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ","), UInt8(ascii: "-"),
                    UInt8(ascii: ":"), UInt8(ascii: "?"):
                    count += 1
                default: break
                }
            }
            previous = byte
        }
        return count
    }
}
