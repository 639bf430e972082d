"""Independent checks of nomen serve's OpenAPI document (Tests/NomenServerTests).

    openapi_check.py spec DOC.json
        validates the document with openapi-spec-validator (PyPI);
    openapi_check.py responses DOC.json RESPONSES.json
        validates each recorded response body against the schema the
        document gives for its operation and status, with jsonschema
        (draft 2020-12, as OpenAPI 3.1 schemas are).

RESPONSES.json is a list of {"path", "method", "status", "body"}, where
"path" is the document's path template (/v1/entities/{id}) and "body" the
parsed JSON. Prints "valid" and exits 0, or prints every problem and exits 1.
"""
import json
import sys

from jsonschema import Draft202012Validator
from openapi_spec_validator import validate
from referencing import Registry
from referencing.jsonschema import DRAFT202012


def pointer(*parts):
    return "#/" + "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def main():
    mode, doc_path = sys.argv[1], sys.argv[2]
    doc = json.load(open(doc_path, encoding="utf-8"))
    validate(doc)
    if mode == "spec":
        print("valid")
        return 0
    registry = Registry().with_resource("urn:nomen-openapi", DRAFT202012.create_resource(doc))
    problems = []
    for item in json.load(open(sys.argv[3], encoding="utf-8")):
        path, method, status = item["path"], item["method"].lower(), str(item["status"])
        operation = doc["paths"].get(path, {}).get(method)
        if operation is None:
            problems.append(f"{method.upper()} {path}: not in the document")
            continue
        response = operation["responses"].get(status)
        if response is None:
            problems.append(f"{method.upper()} {path}: status {status} not in the document")
            continue
        where = ["paths", path, method, "responses", status]
        if "$ref" in response:  # a shared response: #/components/responses/NAME
            where = response["$ref"].lstrip("#/").split("/")
            response = doc["components"]["responses"][where[-1]]
        content = response.get("content", {}).get("application/json")
        if content is None:
            continue
        schema = {"$ref": "urn:nomen-openapi" + pointer(*where, "content", "application/json", "schema")}
        validator = Draft202012Validator(schema, registry=registry)
        for error in validator.iter_errors(item["body"]):
            where = "/".join(str(p) for p in error.absolute_path)
            problems.append(f"{method.upper()} {path} {status}: at /{where}: {error.message}")
    if problems:
        print("\n".join(problems))
        return 1
    print("valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
