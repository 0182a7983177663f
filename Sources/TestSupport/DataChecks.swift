import Foundation

/// Validates `json` against docs/snapshot.schema.json with Python's `jsonschema` (draft
/// 2020-12); `.ci/run` installs it when missing. Throws with every problem found.
public func validateAgainstSchema(_ json: String) throws {
    let schema = Tools.packageRoot.appendingPathComponent("docs/snapshot.schema.json").path
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("fleetwatch-schema-\(getpid())-\(UUID().uuidString.prefix(8)).json")
    try Data(json.utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    guard let python = Tools.onPath("python3") else { throw HarnessError("python3 is not on PATH (the schema check needs it with jsonschema)") }
    let result = Spawn.run(python, [
        "-c",
        "import json,sys,jsonschema; s=json.load(open(sys.argv[1])); jsonschema.Draft202012Validator.check_schema(s); "
            + "errs=list(jsonschema.Draft202012Validator(s).iter_errors(json.load(open(sys.argv[2])))); "
            + "[print(list(e.absolute_path), e.message) for e in errs]; sys.exit(1 if errs else 0)",
        schema, file.path,
    ], mergeStderr: true, seconds: 30)
    if result.status != 0 {
        throw HarnessError("schema validation failed (python3 with jsonschema is needed): \(result.stdoutText)")
    }
}

/// A small RFC 4180 reader for the tests: rows of fields, quotes and doubled quotes undone.
public func parseCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = [], row: [String] = [], field = ""
    var quoted = false, i = text.startIndex
    while i < text.endIndex {
        let c = text[i]
        if quoted {
            if c == "\"" {
                let next = text.index(after: i)
                if next < text.endIndex, text[next] == "\"" { field.append("\""); i = next } else { quoted = false }
            } else { field.append(c) }
        } else if c == "\"" { quoted = true
        } else if c == "," { row.append(field); field = ""
        } else if c == "\r\n" || c == "\n" { row.append(field); rows.append(row); row = []; field = ""
        } else { field.append(c) }
        i = text.index(after: i)
    }
    if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
    return rows
}
