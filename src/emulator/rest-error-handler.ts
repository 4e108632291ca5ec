import type { ErrorRequestHandler } from 'express';
import { EbayApiError } from './ebay-errors';

/** Answers an EbayApiError with eBay's envelope; anything else goes on to the last-resort handler. */
export const restErrorHandler: ErrorRequestHandler = (error, _req, res, next) => {
  if (!(error instanceof EbayApiError)) {
    next(error);
    return;
  }
  res.status(error.status).json(error.body);
};
