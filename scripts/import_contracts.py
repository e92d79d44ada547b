"""An import-linter contract type of our own, for the rule built-in contracts cannot say: a package may import only
the standard library (and itself). Registered in pyproject.toml's [tool.importlinter]."""

import sys

from importlinter import Contract, ContractCheck, fields, output


class StandardLibraryOnlyContract(Contract):
    """The modules in `packages` import nothing but the standard library and one another."""

    type_name = "standard_library_only"

    packages = fields.ListField(subfield=fields.ModuleField())

    def check(self, graph, verbose: bool) -> ContractCheck:
        names = [package.name for package in self.packages]

        def allowed(imported: str) -> bool:
            inside = any(imported == name or imported.startswith(name + ".") for name in names)
            return inside or imported.split(".")[0] in sys.stdlib_module_names

        broken = []
        for name in names:
            for module in sorted({name} | graph.find_descendants(name)):
                for imported in sorted(graph.find_modules_directly_imported_by(module)):
                    if not allowed(imported):
                        lines = [
                            detail["line_number"]
                            for detail in graph.get_import_details(importer=module, imported=imported)
                        ]
                        broken.append((module, imported, lines))
        return ContractCheck(kept=not broken, metadata={"broken": broken})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for module, imported, lines in check.metadata["broken"]:
            where = ", ".join(f"l.{line}" for line in lines)
            output.print_error(f"{module} imports {imported} ({where}), which is not in the standard library")
            output.new_line()
