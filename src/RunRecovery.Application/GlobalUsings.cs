// The framework namespaces nearly every handler and endpoint file imports (the mediator, EF Core, minimal-API routing
// and results). Project namespaces stay explicit in each file, so its using lines still say which folders it needs
// (scripts/folder-cycles.sh measures them).
global using Mediator;
global using Microsoft.AspNetCore.Builder;
global using Microsoft.AspNetCore.Http;
global using Microsoft.AspNetCore.Http.HttpResults;
global using Microsoft.AspNetCore.Routing;
global using Microsoft.EntityFrameworkCore;
