import { Controller, Get, HttpStatus, Res } from "@nestjs/common";
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from "@nestjs/swagger";
import { HealthReport } from "./dto/health-report.dto.js";
import { HealthService } from "./health.service.js";
import { Public } from "../participants/authenticated-organisation.js";

interface StatusSettable {
  status(code: number): unknown;
}

@ApiTags("health")
@Public()
@Controller("health")
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @ApiOperation({ summary: "Reachability of the chain node, the database and Redis" })
  @ApiOkResponse({ type: HealthReport, description: "Every dependency is up." })
  @ApiServiceUnavailableResponse({ type: HealthReport, description: "At least one dependency is down." })
  async check(@Res({ passthrough: true }) response: StatusSettable): Promise<HealthReport> {
    const report = await this.health.report();
    if (report.status !== "up") response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}
