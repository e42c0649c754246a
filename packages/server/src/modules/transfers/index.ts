/** transfers: handing a person over to another jurisdiction (移交), accepted or returned by the receiver, escalated after 7 days. */
export { TransfersService } from './transfers.service.ts';
export { transfersRoutes } from './transfers.routes.ts';
export { pendingTransfers } from './transfers.repository.ts';
export { pendingTransfersIn } from './incoming-worklist.ts';
